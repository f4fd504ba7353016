package io.etw4j.json.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link JsonChars} writes exactly what the JDK methods it replaces write. */
class JsonCharsTest {
    private final JsonChars c = new JsonChars();

    private String instant(Instant t) {
        return new String(c.chars, 0, c.instant(t));
    }

    @Test
    void instantsAreWrittenAsInstantToString() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            // Seconds over years 0..9999 and beyond; nanos of every shape: 0, ms, us, ns precision.
            long second = rnd.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1_000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            assertThat(instant(t)).isEqualTo(t.toString());
        }
        for (Instant t : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("1601-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-05-01T10:15:00Z"), Instant.parse("2024-05-01T10:15:30.000000100Z")}) {
            assertThat(instant(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void aRepeatedSecondKeepsItsPrefixAndANewSecondReplacesIt() {
        Instant a = Instant.parse("2020-02-28T09:03:47.744579Z");
        assertThat(instant(a)).isEqualTo(a.toString());
        assertThat(instant(a.plusNanos(1))).isEqualTo(a.plusNanos(1).toString());
        assertThat(instant(a.plusSeconds(86_401))).isEqualTo(a.plusSeconds(86_401).toString());
        assertThat(instant(a)).isEqualTo(a.toString());
    }

    @Test
    void uuidsAreWrittenAsUuidToString() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
            assertThat(new String(c.chars, 0, c.uuid(id))).isEqualTo(id.toString());
        }
        UUID zero = new UUID(0, 0);
        assertThat(new String(c.chars, 0, c.uuid(zero))).isEqualTo(zero.toString());
    }

    @Test
    void numbersAreWrittenAsTheJdkWritesThem() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] fixed = {0, 1, 9, 10, 15, 16, 255, 0x400000000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        for (int i = 0; i < 10_000 + fixed.length; i++) {
            long v = i < fixed.length ? fixed[i] : rnd.nextLong() >>> rnd.nextInt(64);
            assertThat(new String(c.chars, 0, c.hex(v, 1))).isEqualTo("0x" + Long.toHexString(v));
            assertThat(new String(c.chars, 0, c.unsignedDecimal(v))).isEqualTo(Long.toUnsignedString(v));
            int id = (int) v;
            assertThat(new String(c.chars, 0, c.hex(id & 0xFFFFFFFFL, 4))).isEqualTo(String.format("0x%04x", id));
        }
    }
}
