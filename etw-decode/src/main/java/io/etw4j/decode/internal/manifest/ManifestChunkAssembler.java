package io.etw4j.decode.internal.manifest;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reassembles the manifests .NET EventSources write into a trace as ManifestData events, chunk by chunk, per provider.
 *
 * <p>Each ManifestData payload is a ManifestEnvelope followed by one chunk of the manifest's UTF-8 XML. The envelope
 * (8 bytes, no padding): Format (byte; 1 = SimpleXmlFormat), MajorVersion (byte), MinorVersion (byte), Magic (byte,
 * 0x5B), TotalChunks (UINT16 LE), ChunkNumber (UINT16 LE, 0-based). Source: .NET's EventSource.cs
 * ({@code struct ManifestEnvelope}, {@code MaxChunkSize = 0xFF00}, SendManifest) and TraceEvent's handling of it
 * (the baseline of net.4.5.2.x64.etl prints Format=1, MajorVersion=1, MinorVersion=0, Magic=91 for these events).
 *
 * <p>Rules: chunks may come in any order; a repeated chunk replaces the earlier copy; a chunk whose TotalChunks or
 * versions differ from the pending ones for its provider starts the provider's manifest anew (the EventSource sent a
 * new one); a manifest with a chunk missing is never completed (it stays pending until replaced or evicted). Memory is
 * bounded: at most {@code maxProviders} pending manifests, each at most {@code maxManifestBytes}, all together at most
 * {@code maxPendingBytes}; beyond that the oldest pending manifest is dropped (counted). Payloads that are not a valid
 * envelope are rejected (counted). Not thread-safe: callers synchronize.
 */
public final class ManifestChunkAssembler {
    /** The envelope's size in bytes. */
    public static final int HEADER_BYTES = 8;
    /** ManifestEnvelope.Magic. */
    public static final int MAGIC = 0x5B;
    /** ManifestEnvelope.ManifestFormats.SimpleXmlFormat. */
    public static final int FORMAT_SIMPLE_XML = 1;

    private final int maxProviders;
    private final int maxManifestBytes;
    private final long maxPendingBytes;
    private final Map<UUID, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;
    private long rejected;
    private long dropped;

    /** One provider's manifest being collected. */
    private static final class Pending {
        final int total;
        final int major;
        final int minor;
        /** Chunk number to bytes (a map, not a TotalChunks-long array: TotalChunks comes from the data). */
        final java.util.TreeMap<Integer, byte[]> chunks = new java.util.TreeMap<>();
        long bytes;

        Pending(int total, int major, int minor) {
            this.total = total;
            this.major = major;
            this.minor = minor;
        }
    }

    /**
     * @param maxProviders     the most manifests pending at once
     * @param maxManifestBytes the largest manifest accepted
     * @param maxPendingBytes  the most bytes pending in all
     */
    public ManifestChunkAssembler(int maxProviders, int maxManifestBytes, long maxPendingBytes) {
        if (maxProviders < 1 || maxManifestBytes < 1 || maxPendingBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxProviders = maxProviders;
        this.maxManifestBytes = maxManifestBytes;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Takes one ManifestData payload of {@code provider}.
     *
     * @return the whole manifest's bytes when this chunk completes it, else empty
     */
    public Optional<byte[]> offer(UUID provider, byte[] payload) {
        if (payload == null || payload.length < HEADER_BYTES || (payload[0] & 0xFF) != FORMAT_SIMPLE_XML
                || (payload[3] & 0xFF) != MAGIC) {
            rejected++;
            return Optional.empty();
        }
        int major = payload[1] & 0xFF;
        int minor = payload[2] & 0xFF;
        int total = (payload[4] & 0xFF) | (payload[5] & 0xFF) << 8;
        int number = (payload[6] & 0xFF) | (payload[7] & 0xFF) << 8;
        int size = payload.length - HEADER_BYTES;
        if (total == 0 || number >= total) {
            rejected++;
            return Optional.empty();
        }
        Pending p = pending.get(provider);
        if (p != null && (p.total != total || p.major != major || p.minor != minor)) {
            remove(provider);
            p = null;
        }
        if (p == null) {
            p = new Pending(total, major, minor);
            pending.put(provider, p);
        }
        byte[] old = p.chunks.get(number);
        long newBytes = p.bytes - (old == null ? 0 : old.length) + size;
        if (newBytes > maxManifestBytes) {
            remove(provider);
            dropped++;
            return Optional.empty();
        }
        byte[] chunk = new byte[size];
        System.arraycopy(payload, HEADER_BYTES, chunk, 0, size);
        p.chunks.put(number, chunk);
        pendingBytes += newBytes - p.bytes;
        p.bytes = newBytes;
        if (p.chunks.size() == p.total) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) p.bytes);
            for (byte[] c : p.chunks.values()) {
                out.writeBytes(c);
            }
            remove(provider);
            return Optional.of(out.toByteArray());
        }
        evict(provider);
        return Optional.empty();
    }

    /** Drops the oldest pending manifests (never {@code keep}) until the bounds hold. */
    private void evict(UUID keep) {
        Iterator<Map.Entry<UUID, Pending>> it = pending.entrySet().iterator();
        while ((pending.size() > maxProviders || pendingBytes > maxPendingBytes) && it.hasNext()) {
            Map.Entry<UUID, Pending> e = it.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            pendingBytes -= e.getValue().bytes;
            it.remove();
            dropped++;
        }
        if (pendingBytes > maxPendingBytes) {
            remove(keep);
            dropped++;
        }
    }

    private void remove(UUID provider) {
        Pending p = pending.remove(provider);
        if (p != null) {
            pendingBytes -= p.bytes;
        }
    }

    /** Manifests pending (some chunks received, not all). */
    public int pendingManifests() {
        return pending.size();
    }

    /** Bytes held by pending manifests. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Payloads rejected as not a valid envelope. */
    public long rejected() {
        return rejected;
    }

    /** Pending manifests dropped to keep the bounds. */
    public long dropped() {
        return dropped;
    }
}
