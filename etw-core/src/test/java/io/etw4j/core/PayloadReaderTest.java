package io.etw4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayloadReaderTest {

    @Test
    void readsLittleEndianIntegers() {
        PayloadReader r = PayloadReader.of(new byte[] {(byte) 0xe4, 0x0d, 0, 0, 1, 2, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff});
        // The seed article's PID bytes "e4 0d 00 00" are 0x00000de4 = 3556. The article itself says "== 3356", an
        // arithmetic slip (3356 would be 0x0d1c); the bytes are the evidence, so the decoded value is 3556.
        assertThat(r.u32()).isEqualTo(3556L);
        assertThat(r.u16()).isEqualTo(0x0201);
        assertThat(r.u32()).isEqualTo(0xFFFFFFFFL);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void readsNulTerminatedUtf16AndStopsAtTerminator() {
        byte[] name = "Svc\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] data = new byte[name.length + 4];
        System.arraycopy(name, 0, data, 0, name.length);
        data[name.length] = 0x2a;
        PayloadReader r = PayloadReader.of(data);
        assertThat(r.utf16z()).isEqualTo("Svc");
        assertThat(r.position()).isEqualTo(8);
        assertThat(r.u32()).isEqualTo(0x2aL);
    }

    @Test
    void unterminatedStringThrowsTypedExceptionAndKeepsPosition() {
        byte[] data = "abc".getBytes(StandardCharsets.UTF_16LE);
        PayloadReader r = PayloadReader.of(data);
        assertThatThrownBy(r::utf16z).isInstanceOf(PayloadException.class)
                .hasMessageContaining("offset 0");
        assertThat(r.position()).isZero();
    }

    @Test
    void readPastEndNamesTheOffset() {
        PayloadReader r = PayloadReader.of(new byte[6]);
        r.u32();
        assertThatThrownBy(r::u32).isInstanceOfSatisfying(PayloadException.class, e -> {
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.needed()).isEqualTo(4);
            assertThat(e.length()).isEqualTo(6);
        });
        assertThat(r.position()).isEqualTo(4);
    }

    @Test
    void guidRoundTripsInWindowsLayout() {
        UUID scm = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
        byte[] b = PayloadReader.guidBytes(scm);
        // guiddef.h: Data1 little-endian first, so the first byte is 0xc2.
        assertThat(b[0]).isEqualTo((byte) 0xc2);
        assertThat(b[4]).isEqualTo((byte) 0x46);
        assertThat(b[8]).isEqualTo((byte) 0x8c);
        assertThat(PayloadReader.of(b).guid()).isEqualTo(scm);
    }

    @Test
    void pointerHonoursPointerSize() {
        byte[] data = {1, 0, 0, 0, 2, 0, 0, 0};
        assertThat(PayloadReader.of(data, 4).pointer()).isEqualTo(1L);
        assertThat(PayloadReader.of(data, 8).pointer()).isEqualTo(0x0000000200000001L);
    }

    @Test
    void fileTimeConvertsFrom1601() {
        // 116444736000000000 = 1970-01-01T00:00:00Z as FILETIME (learn.microsoft.com "Converting a time_t value
        // to a FILETIME").
        long ft = 116_444_736_000_000_000L;
        byte[] data = new byte[8];
        for (int i = 0; i < 8; i++) {
            data[i] = (byte) (ft >>> (8 * i));
        }
        assertThat(PayloadReader.of(data).fileTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void sidParsesToSddl() {
        // S-1-5-18 (LocalSystem): revision 1, 1 subauthority, authority 5, subauthority 18.
        byte[] sid = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        assertThat(PayloadReader.of(sid).sid().toString()).isEqualTo("S-1-5-18");
        byte[] truncated = {1, 2, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        assertThatThrownBy(() -> PayloadReader.of(truncated).sid()).isInstanceOf(PayloadException.class);
    }

    @Test
    void ansiStringIsReadToNul() {
        PayloadReader r = PayloadReader.of(new byte[] {'h', 'i', 0, 'x'});
        assertThat(r.ansiz()).isEqualTo("hi");
        assertThat(r.remaining()).isEqualTo(1);
        assertThatThrownBy(r::ansiz).isInstanceOf(PayloadException.class);
    }
}
