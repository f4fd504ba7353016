package io.etw4j.scm.internal.wpp;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LayoutReader#readIfFits} (the decoder's quick test, no exception) against {@link LayoutReader#read} (the
 * explaining one): for every entry of the shipped table and many payloads, near fits included, one fits exactly when
 * the other does not throw, with the same values in the same order.
 */
class LayoutReaderTest {
    private static final MessageFields.PidRule[] RULES = MessageFields.PidRule.values();

    @Test
    void theQuickTestAgreesWithTheExplainingOneOnEveryShippedEntry() {
        Random random = new Random(21);
        List<MessageEntry> entries = new ArrayList<>(MessageTable.defaults().entries());
        assertThat(entries).isNotEmpty();
        int fits = 0;
        int misfits = 0;
        for (MessageEntry e : entries) {
            for (int i = 0; i < 400; i++) {
                byte[] p = payload(e, random);
                for (int pointerSize : new int[] {4, 8}) {
                    for (MessageFields.PidRule rule : RULES) {
                        LayoutReader.Reading quick = LayoutReader.readIfFits(p, pointerSize, e, rule);
                        LayoutReader.Reading full;
                        try {
                            full = LayoutReader.read(p, pointerSize, e, rule);
                        } catch (LayoutReader.ShapeException x) {
                            full = null;
                        }
                        assertThat(quick == null).as("%s, payload %s, pointer %d, %s", e.describe(),
                                java.util.HexFormat.of().formatHex(p), pointerSize, rule).isEqualTo(full == null);
                        if (full != null) {
                            assertThat(new ArrayList<>(quick.values.entrySet()))
                                    .containsExactlyElementsOf(new ArrayList<>(full.values.entrySet()));
                            fits++;
                        } else {
                            misfits++;
                        }
                    }
                }
            }
        }
        assertThat(fits).as("payloads that fit").isGreaterThan(1000);
        assertThat(misfits).as("payloads that do not").isGreaterThan(1000);
    }

    /**
     * A payload of the entry's layout with plausible or random values, then sometimes damaged: cut, lengthened, a
     * string's NUL removed, an unpaired surrogate, a control character.
     */
    private static byte[] payload(MessageEntry e, Random random) {
        var b = le();
        for (FieldSpec f : e.fields()) {
            switch (f.type()) {
                case UTF16Z: {
                    StringBuilder s = new StringBuilder();
                    int n = random.nextInt(4) == 0 ? random.nextInt(3) : 1 + random.nextInt(12);
                    for (int i = 0; i < n; i++) {
                        int kind = random.nextInt(40);
                        s.append(kind == 0 ? '\uD800' : kind == 1 ? '\u0007' : kind == 2 ? '\\'
                                : (char) ('a' + random.nextInt(26)));
                    }
                    if (f.name().equals(MessageFields.CLIENT_SID) && random.nextBoolean()) {
                        s.setLength(0);
                        s.append("S-1-5-21-").append(random.nextInt(1_000_000)).append("-1001");
                    }
                    b.utf16z(s.toString());
                    break;
                }
                case U16:
                    b.u16(random.nextInt(0x10000));
                    break;
                case U32:
                    b.u32(value(f, random));
                    break;
                case U64:
                    b.u64(random.nextLong());
                    break;
                case PTR:
                    b.u64(random.nextLong());
                    break;
                default:
                    break;
            }
        }
        byte[] p = b.bytes();
        switch (random.nextInt(6)) {
            case 0:
                return java.util.Arrays.copyOf(p, random.nextInt(p.length + 1));
            case 1:
                return java.util.Arrays.copyOf(p, p.length + 1 + random.nextInt(4));
            case 2:
                if (p.length > 0) {
                    p[random.nextInt(p.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return p;
            default:
                return p;
        }
    }

    private static int value(FieldSpec f, Random random) {
        switch (f.name()) {
            case MessageFields.CLIENT_PID:
                return random.nextInt(5) == 0 ? 0 : random.nextInt(3) == 0 ? random.nextInt() : 4 * random.nextInt(5000);
            case MessageFields.WOW_TYPE:
                return random.nextBoolean() ? 0 : random.nextBoolean() ? 0x8664 : random.nextInt(0x10000);
            case MessageFields.CONTROL_CODE:
                return random.nextInt(300);
            case MessageFields.ERROR:
                return random.nextBoolean() ? random.nextInt(0x20000) : random.nextInt();
            default:
                return random.nextInt();
        }
    }
}
