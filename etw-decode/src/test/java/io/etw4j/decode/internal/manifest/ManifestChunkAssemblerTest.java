package io.etw4j.decode.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reassembly of ManifestData chunks: order, repeats, missing chunks, restarts, bad envelopes, bounds. */
class ManifestChunkAssemblerTest {
    static final UUID P1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID P2 = UUID.fromString("00000000-0000-0000-0000-000000000002");

    /** A ManifestData payload: Format 1, Major 1, Minor 0, Magic 0x5B, TotalChunks, ChunkNumber (LE), chunk. */
    static byte[] chunk(int total, int number, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[8 + t.length];
        p[0] = 1;
        p[1] = 1;
        p[2] = 0;
        p[3] = 0x5B;
        p[4] = (byte) total;
        p[5] = (byte) (total >> 8);
        p[6] = (byte) number;
        p[7] = (byte) (number >> 8);
        System.arraycopy(t, 0, p, 8, t.length);
        return p;
    }

    static String text(Optional<byte[]> b) {
        return new String(b.orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void singleChunkCompletesAtOnce() {
        ManifestChunkAssembler a = new ManifestChunkAssembler(4, 1000, 4000);
        assertThat(text(a.offer(P1, chunk(1, 0, "<m/>")))).isEqualTo("<m/>");
        assertThat(a.pendingManifests()).isZero();
    }

    @Test
    void chunksOutOfOrderAndRepeatedAreJoinedInChunkOrder() {
        ManifestChunkAssembler a = new ManifestChunkAssembler(4, 1000, 4000);
        assertThat(a.offer(P1, chunk(3, 2, "C"))).isEmpty();
        assertThat(a.offer(P2, chunk(2, 1, "y"))).isEmpty();
        assertThat(a.offer(P1, chunk(3, 0, "a"))).isEmpty();
        assertThat(a.offer(P1, chunk(3, 0, "A"))).isEmpty(); // repeat replaces
        assertThat(a.pendingBytes()).isEqualTo(3);
        assertThat(text(a.offer(P1, chunk(3, 1, "B")))).isEqualTo("ABC");
        assertThat(text(a.offer(P2, chunk(2, 0, "x")))).isEqualTo("xy");
        assertThat(a.pendingManifests()).isZero();
        assertThat(a.pendingBytes()).isZero();
    }

    @Test
    void aMissingChunkNeverCompletesAndANewSequenceRestarts() {
        ManifestChunkAssembler a = new ManifestChunkAssembler(4, 1000, 4000);
        assertThat(a.offer(P1, chunk(3, 0, "a"))).isEmpty();
        assertThat(a.offer(P1, chunk(3, 2, "c"))).isEmpty();
        assertThat(a.pendingManifests()).isEqualTo(1);
        assertThat(a.offer(P1, chunk(2, 1, "2"))).isEmpty(); // different TotalChunks: a new manifest
        assertThat(text(a.offer(P1, chunk(2, 0, "1")))).isEqualTo("12");
    }

    @Test
    void badEnvelopesAreRejected() {
        ManifestChunkAssembler a = new ManifestChunkAssembler(4, 1000, 4000);
        byte[] badMagic = chunk(1, 0, "x");
        badMagic[3] = 0x5C;
        byte[] badFormat = chunk(1, 0, "x");
        badFormat[0] = 2;
        assertThat(a.offer(P1, badMagic)).isEmpty();
        assertThat(a.offer(P1, badFormat)).isEmpty();
        assertThat(a.offer(P1, new byte[7])).isEmpty();
        assertThat(a.offer(P1, chunk(0, 0, "x"))).isEmpty();
        assertThat(a.offer(P1, chunk(2, 2, "x"))).isEmpty();
        assertThat(a.rejected()).isEqualTo(5);
        assertThat(a.pendingManifests()).isZero();
    }

    @Test
    void memoryStaysWithinTheBounds() {
        ManifestChunkAssembler a = new ManifestChunkAssembler(2, 10, 15);
        assertThat(a.offer(P1, chunk(2, 0, "12345678901"))).isEmpty(); // 11 > 10 per manifest
        assertThat(a.dropped()).isEqualTo(1);
        a.offer(P1, chunk(3, 0, "12345678"));
        a.offer(P2, chunk(3, 0, "12345678")); // 16 > 15 pending: the oldest (P1) goes
        assertThat(a.dropped()).isEqualTo(2);
        assertThat(a.pendingManifests()).isEqualTo(1);
        assertThat(a.pendingBytes()).isEqualTo(8);
        a.offer(UUID.randomUUID(), chunk(3, 0, "1"));
        a.offer(UUID.randomUUID(), chunk(3, 0, "1")); // 3 providers > 2
        assertThat(a.pendingManifests()).isEqualTo(2);
        assertThat(a.pendingBytes()).isLessThanOrEqualTo(15);
    }
}
