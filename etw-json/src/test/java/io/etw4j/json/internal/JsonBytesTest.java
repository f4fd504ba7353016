package io.etw4j.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.internal.FileTimes;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link JsonBytes} writes exactly what the JDK methods (and Jackson) write for the same values. */
class JsonBytesTest {
    private final JsonBytes b = new JsonBytes();

    private String written(Consumer<JsonBytes> w) {
        b.reset();
        b.add('<');
        w.accept(b);
        b.add('>');
        String s = new String(b.bytes, 0, b.length, StandardCharsets.US_ASCII);
        assertThat(s).startsWith("<").endsWith(">");
        return s.substring(1, s.length() - 1);
    }

    @Test
    void fileTimesAreWrittenAsTheirInstantToString() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // FILETIMEs over the whole signed range and near today; 100 ns units of every shape.
            long ft = switch (i % 5) {
                case 0 -> rnd.nextLong();
                case 1 -> rnd.nextLong(0, 3_000_000_000_000_000_000L) / 10_000_000L * 10_000_000L;
                case 2 -> rnd.nextLong(0, 3_000_000_000_000_000_000L) / 10_000L * 10_000L;
                case 3 -> rnd.nextLong(0, 3_000_000_000_000_000_000L) / 10L * 10L;
                default -> rnd.nextLong(130_000_000_000_000_000L, 135_000_000_000_000_000L);
            };
            long t = ft;
            assertThat(written(x -> x.quotedFileTime(t))).isEqualTo('"' + FileTimes.toInstant(ft).toString() + '"');
        }
        for (long ft : new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 116_444_736_000_000_000L,
            116_444_736_000_000_000L - 1, 504_911_232_000_000_000L, 504_911_232_000_000_000L - 1}) {
            assertThat(written(x -> x.quotedFileTime(ft))).isEqualTo('"' + FileTimes.toInstant(ft).toString() + '"');
        }
    }

    @Test
    void numbersHexAndGuidsAreWrittenAsTheJdkWritesThem() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long v = i % 3 == 0 ? rnd.nextLong() : rnd.nextLong(1L << rnd.nextInt(1, 63));
            int n = (int) v;
            assertThat(written(x -> x.unsignedDecimal(v))).isEqualTo(Long.toUnsignedString(v));
            assertThat(written(x -> x.decimal(n))).isEqualTo(Integer.toString(n));
            assertThat(written(x -> x.quotedHex(v, 1))).isEqualTo("\"0x" + Long.toHexString(v) + '"');
            assertThat(written(x -> x.quotedHex(n & 0xFFFFFFFFL, 4))).isEqualTo('"' + String.format("0x%04x", n) + '"');
            UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
            assertThat(written(x -> x.quotedUuid(id.getMostSignificantBits(), id.getLeastSignificantBits())))
                    .isEqualTo('"' + id.toString() + '"');
            UUID again = i % 2 == 0 ? id : new UUID(id.getMostSignificantBits(), ~id.getLeastSignificantBits());
            for (UUID u : new UUID[] {again, again, id}) { // formatted, then copied, then formatted or copied
                assertThat(written(x -> x.quotedUuidCached(u.getMostSignificantBits(), u.getLeastSignificantBits())))
                        .isEqualTo('"' + u.toString() + '"');
            }
        }
        assertThat(written(x -> x.quotedUuidCached(0, 0))).isEqualTo("\"00000000-0000-0000-0000-000000000000\"");
        for (int n : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 9, 10, -10}) {
            assertThat(written(x -> x.decimal(n))).isEqualTo(Integer.toString(n));
        }
        for (long v : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(written(x -> x.unsignedDecimal(v))).isEqualTo(Long.toUnsignedString(v));
            assertThat(written(x -> x.quotedHex(v, 1))).isEqualTo("\"0x" + Long.toHexString(v) + '"');
        }
    }

    @Test
    void hexBytesAndGrowth() {
        String hex = written(x -> {
            int at = x.hexRoom(3);
            x.hexByte(at, 0x00);
            x.hexByte(at + 2, 0xab);
            x.hexByte(at + 4, 0xff);
        });
        assertThat(hex).isEqualTo("\"00abff\"");
        String big = "y".repeat(5000);
        assertThat(written(x -> x.add(JsonBytes.ascii(big)))).isEqualTo(big);
        assertThatThrownBy(() -> JsonBytes.ascii("\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }
}
