package io.etw4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.PayloadReader;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared little-endian writer: its bytes written out by hand, and read back by etw-core's PayloadReader. */
class LeBytesTest {
    static String hex(LeBytes b) {
        return HexFormat.of().formatHex(b.bytes());
    }

    @Test
    void integersAreLittleEndianAndCutToTheirSize() {
        assertThat(hex(LeBytes.le().u8(0x1FF).u16(0x1234).u32(0x89ABCDEFL).u64(0x0102030405060708L)))
                .isEqualTo("ff" + "3412" + "efcdab89" + "0807060504030201");
        assertThat(hex(LeBytes.le().le(-2, 3).pointer(5, 4).pointer(6, 8))).isEqualTo("feffff" + "05000000"
                + "0600000000000000");
        assertThat(hex(LeBytes.le().f32(1.5f).f64(-2.0))).isEqualTo("0000c03f" + "00000000000000c0");
        assertThatThrownBy(() -> LeBytes.le().le(1, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsGuidsAndFileTimesAreWindowsLayouts() {
        assertThat(hex(LeBytes.le().utf16z("hé"))).isEqualTo("6800e9000000");
        assertThat(hex(LeBytes.le().utf16("a"))).isEqualTo("6100");
        assertThat(hex(LeBytes.le().ansiz("ab").utf8z("é"))).isEqualTo("616200" + "c3a900");
        // guiddef.h: Data1-3 little-endian, Data4 in order
        assertThat(hex(LeBytes.le().guid(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))))
                .isEqualTo("33221100554477668899aabbccddeeff");
        // 1970-01-01 is 116444736000000000 100-ns units after 1601-01-01
        assertThat(LeBytes.fileTimeOf(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
        assertThat(LeBytes.fileTimeOf(Instant.parse("1601-01-01T00:00:00.0000001Z"))).isEqualTo(1);
    }

    @Test
    void rawZerosAlignAndPatch() {
        LeBytes b = LeBytes.le().u16(0).raw(0xAB).raw((byte) 0xCD).align(8).zeros(2);

        assertThat(b.size()).isEqualTo(10);
        assertThat(hex(b.patch(0, b.size(), 2))).isEqualTo("0a00abcd000000000000");
        assertThat(hex(b.u8(1))).as("a patch applies to every later bytes() too").isEqualTo("0a00abcd00000000000001");
    }

    @Test
    void payloadReaderReadsBackWhatItWrote() {
        UUID g = UUID.randomUUID();
        Instant t = Instant.parse("2024-05-01T10:00:00.1234567Z");
        byte[] p = LeBytes.le().u8(7).u16(65000).u32(4_000_000_000L).u64(-5).guid(g).fileTime(t).utf16z("svc")
                .ansiz("abc").pointer(0x1122334455667788L, 8).bytes();

        PayloadReader r = PayloadReader.of(p, 8);
        assertThat(r.u8()).isEqualTo(7);
        assertThat(r.u16()).isEqualTo(65000);
        assertThat(r.u32()).isEqualTo(4_000_000_000L);
        assertThat(r.i64()).isEqualTo(-5);
        assertThat(r.guid()).isEqualTo(g);
        assertThat(r.fileTime()).isEqualTo(t);
        assertThat(r.utf16z()).isEqualTo("svc");
        assertThat(r.ansiz()).isEqualTo("abc");
        assertThat(r.pointer()).isEqualTo(0x1122334455667788L);
        assertThat(r.hasRemaining()).isFalse();
        assertThat(LeBytes.guidBytes(g)).isEqualTo(PayloadReader.guidBytes(g));
    }
}
