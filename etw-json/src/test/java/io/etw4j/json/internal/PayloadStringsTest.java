package io.etw4j.json.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.testing.LeBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadStringsTest {

    private static byte[] utf16z(String s) {
        return LeBytes.utf16zBytes(s);
    }

    /** The seed's message 0x28 shape: service name (UTF-16LE, NUL), client PID e4 0d 00 00, image path (UTF-16LE). */
    private static byte[] seedShape() {
        return LeBytes.le().utf16z("EvilSvc").raw(0xe4, 0x0d, 0x00, 0x00).utf16z("C:\\evil.exe").bytes();
    }

    @Test
    void findsTheSeedStringsAndThePidBetweenThem() {
        byte[] p = seedShape();
        List<PayloadStrings.Found> found = PayloadStrings.find(p);
        assertThat(found).extracting(PayloadStrings.Found::value).containsExactly("EvilSvc", "C:\\evil.exe");
        assertThat(found.get(0).offset()).isZero();
        assertThat(found.get(0).byteLength()).isEqualTo(16); // 7 chars + NUL, 2 bytes each
        assertThat(found.get(1).offset()).isEqualTo(20);
        assertThat(found).extracting(PayloadStrings.Found::encoding).containsOnly("utf-16le");
        List<int[]> pids = PayloadStrings.plausiblePids(p, found);
        assertThat(pids).hasSize(1);
        assertThat(pids.get(0)).containsExactly(16, 3556);
    }

    @Test
    void aLongRefusedRunIsScannedOnceAndTheStringAfterItIsFound() {
        // 50,000 Cyrillic letters (text characters, but not mostly ASCII: refused as a string) then "Spooler": each
        // start inside the refused run would rescan its suffix; the scan skips them and still finds what follows.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 50_000; i++) {
            b.write(0x16);
            b.write(0x04); // U+0416
        }
        b.write(0x00);
        b.write(0x00);
        b.writeBytes(utf16z("Spooler"));

        List<PayloadStrings.Found> found = PayloadStrings.find(b.toByteArray());

        assertThat(found).extracting(PayloadStrings.Found::value).contains("Spooler");
        assertThat(found).noneMatch(f -> f.value().contains("\u0416"));
    }

    @Test
    void findsAStringAtAnOddOffset() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x07);
        b.writeBytes(utf16z("Spooler"));
        List<PayloadStrings.Found> found = PayloadStrings.find(b.toByteArray());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).offset()).isEqualTo(1);
        assertThat(found.get(0).value()).isEqualTo("Spooler");
    }

    @Test
    void guessesThePidRightAfterAnUnalignedString() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x07);
        b.writeBytes(utf16z("Spooler")); // offsets 1..16
        b.writeBytes(new byte[] {(byte) 0xe4, 0x0d, 0x00, 0x00}); // 17..20
        byte[] p = b.toByteArray();
        List<int[]> pids = PayloadStrings.plausiblePids(p, PayloadStrings.find(p));
        assertThat(pids).hasSize(1);
        assertThat(pids.get(0)).containsExactly(17, 3556);
    }

    @Test
    void findsAnsiOutsideUtf16AndMergesByOffset() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("ansi-text\0".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(new byte[] {1, 2});
        b.writeBytes(utf16z("wide"));
        List<PayloadStrings.Found> found = PayloadStrings.find(b.toByteArray());
        assertThat(found).extracting(PayloadStrings.Found::encoding).containsExactly("ansi", "utf-16le");
        assertThat(found).extracting(PayloadStrings.Found::value).containsExactly("ansi-text", "wide");
        assertThat(found.get(0).byteLength()).isEqualTo(10);
        assertThat(found.get(1).offset()).isEqualTo(12);
    }

    @Test
    void shortRunsAndBinaryAreNotStrings() {
        byte[] p = {0x41, 0, 0x42, 0, 0x43, 0, 0, 0, (byte) 0xff, (byte) 0xfe, 0x10, 0x20, (byte) 0x80, 0x4e};
        assertThat(PayloadStrings.find(p)).isEmpty();
        assertThat(PayloadStrings.find(new byte[0])).isEmpty();
    }

    @Test
    void pidGuessesSkipZeroOddAndHugeValues() {
        byte[] p = {
            0, 0, 0, 0, // 0: not a PID
            3, 0, 0, 0, // 3: not a multiple of 4
            0, 0, 0, 4, // 0x04000000: 2^26, at the bound
            8, 0, 0, 0  // 8: plausible
        };
        List<int[]> pids = PayloadStrings.plausiblePids(p, List.of());
        assertThat(pids).extracting(a -> a[1]).containsExactly(8);
        assertThat(pids.get(0)[0]).isEqualTo(12);
    }
}
