package io.etw4j.core.internal.etl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random-access bytes of an .etl image: a file read with positional {@link FileChannel} reads (one buffer at a time,
 * so memory stays bounded on multi-gigabyte files) or an in-memory {@link ByteBuffer} (tests, embedded resources,
 * fuzzing).
 */
public interface EtlSource extends Closeable {

    /** Total size in bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code len} bytes at {@code position} into {@code dst[off..]}; fewer only at the end of the source.
     * Two threads may read at once (the reading thread and the one decompressing ahead, {@link DecompressAhead}):
     * both implementations here allow concurrent positional reads.
     *
     * @return the number of bytes read (0 at or past the end)
     */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens {@code file} for reading. */
    static EtlSource of(Path file) throws IOException {
        return new FileSource(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** A source over the remaining bytes of {@code buffer} (not copied; the caller must not change them). */
    static EtlSource of(ByteBuffer buffer) {
        return new MemorySource(buffer.slice());
    }

    /** Positional reads from a channel; never moves the channel's position, so one channel can serve one reader. */
    final class FileSource implements EtlSource {
        private final FileChannel channel;

        FileSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            int total = 0;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Reads from a ByteBuffer with absolute gets; thread-safe because it never changes the buffer's position. */
    final class MemorySource implements EtlSource {
        private final ByteBuffer data;

        MemorySource(ByteBuffer data) {
            this.data = data;
        }

        @Override
        public long size() {
            return data.limit();
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) {
            if (position >= data.limit() || position < 0) {
                return 0;
            }
            int n = (int) Math.min(len, data.limit() - position);
            data.get((int) position, dst, off, n);
            return n;
        }

        @Override
        public void close() {
        }
    }
}
