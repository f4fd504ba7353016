package io.etw4j.scm.internal.wpp;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadScanTest {

    @Test
    void findsStringsAndPidsBetweenThem() {
        byte[] p = le().utf16z("Spooler").u32(1234 * 4).u32(1).utf16z("C:\\x.exe").u32(0x7FFFFFFF).u32(8).bytes();

        PayloadScan s = PayloadScan.of(p);

        assertThat(s.strings()).containsExactly("Spooler", "C:\\x.exe");
        assertThat(s.plausiblePids()).containsExactly(4936L, 8L);
    }

    @Test
    void anUnterminatedStringAtTheEndCountsAndSingleCharactersDoNot() {
        byte[] p = le().raw((byte) 'A', (byte) 0, (byte) 0, (byte) 0).raw("ab".getBytes(java.nio.charset
                .StandardCharsets.UTF_16LE)).bytes();

        assertThat(PayloadScan.of(p).strings()).containsExactly("ab");
    }

    @Test
    void plausiblePidsAreNonZeroMultiplesOfFourBelowTwoToThe26() {
        assertThat(PayloadScan.isPlausiblePid(0)).isFalse();
        assertThat(PayloadScan.isPlausiblePid(4)).isTrue();
        assertThat(PayloadScan.isPlausiblePid(3556)).isTrue();
        assertThat(PayloadScan.isPlausiblePid(3557)).isFalse();
        assertThat(PayloadScan.isPlausiblePid((1 << 26) - 4)).isTrue();
        assertThat(PayloadScan.isPlausiblePid(1 << 26)).isFalse();
    }

    @Test
    void emptyAndTinyPayloadsGiveNothing() {
        assertThat(PayloadScan.of(new byte[0]).strings()).isEmpty();
        assertThat(PayloadScan.of(new byte[] {4}).plausiblePids()).isEmpty();
        assertThat(PayloadScan.of(new byte[] {4, 0, 0}).plausiblePids()).isEmpty();
    }
}
