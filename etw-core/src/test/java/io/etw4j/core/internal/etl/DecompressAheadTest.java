package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link DecompressAhead} through {@link EtlReader}: the second thread really loads buffers that the read then uses
 * (the records are those of a read without it), an I/O error its load meets reaches the reader at that buffer, after the records before it, as without
 * it, and the thread is gone once the reader is closed part-way.
 */
class DecompressAheadTest {

    private static byte[] compressedCapture() throws IOException {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("etl").resolve("net.4.5.2.x64.etl");
            if (Files.isRegularFile(c)) {
                return Files.readAllBytes(c);
            }
        }
        Assumptions.abort("shared/etl/net.4.5.2.x64.etl not found");
        return null;
    }

    /** An in-memory source that counts whole-buffer reads per thread and fails the one at {@code failAt}. */
    static final class CountingSource implements EtlSource {
        final EtlSource inner;
        final long failAt;
        final AtomicInteger byWorker = new AtomicInteger();
        final AtomicInteger byReader = new AtomicInteger();
        final CountDownLatch workerRead = new CountDownLatch(1);
        final AtomicBoolean waited = new AtomicBoolean();
        boolean waitForWorker;

        CountingSource(byte[] image, long failAt) {
            this.inner = EtlSource.of(ByteBuffer.wrap(image));
            this.failAt = failAt;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) throws IOException {
            if (len > 0x48) { // a whole buffer (probes read 0x48 bytes, resync windows are not read here)
                if (position == failAt) {
                    throw new IOException("disk gone at " + position);
                }
                if (Thread.currentThread().getName().equals("etw4j-etl-decompress")) {
                    byWorker.incrementAndGet();
                    workerRead.countDown();
                } else if (byReader.incrementAndGet() > 3 && waitForWorker && !waited.getAndSet(true)) {
                    // The open, the logfile header buffer and the first compressed buffer (which starts the worker)
                    // are the reading thread's; past them, it gives the worker the chance to run even on a busy
                    // machine (where it would otherwise load buffers itself rather than wait), so that the worker's
                    // buffers are certainly handed over.
                    try {
                        workerRead.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return inner.read(position, dst, off, len);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    /** Reads until the end or the error; returns the records and the error's message (or null). */
    private static List<Object> readAll(EtlReader r) {
        List<Object> out = new ArrayList<>();
        try {
            for (EventRecord e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        } catch (EtlFormatException e) {
            out.add(e.kind() + " " + e.getMessage());
        } finally {
            r.close();
        }
        return out;
    }

    private static long bufferAt(byte[] file, int index) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        for (int i = 0; i < index; i++) {
            off += b.getInt((int) off);
        }
        return off;
    }

    /** True if a decompressing thread is alive (all threads, without the cost of their stack traces). */
    static boolean workerRunning() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        Thread[] all = new Thread[g.activeCount() + 32];
        int n = g.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i].getName().equals("etw4j-etl-decompress") && all[i].isAlive()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSecondThreadLoadsTheBuffers() throws IOException {
        byte[] file = compressedCapture();
        CountingSource on = new CountingSource(file, -1);
        on.waitForWorker = true;
        List<Object> a = readAll(EtlReader.open(on, EtlReadOptions.defaults(), new ReadCounters()));
        CountingSource off = new CountingSource(file, -1);
        List<Object> b = readAll(EtlReader.open(off, EtlReadOptions.defaults().withDecompressAhead(false),
                new ReadCounters()));
        assertThat(a).isEqualTo(b);
        assertThat(off.byWorker).hasValue(0);
        assertThat(on.byWorker.get()).as("buffers loaded by the second thread").isPositive();
        assertThat(on.byWorker.get() + on.byReader.get()).as("every buffer loaded, by one thread or the other")
                .isGreaterThanOrEqualTo(off.byReader.get());
    }

    @Test
    void anIoErrorReachesTheReaderAtItsBuffer() throws IOException {
        byte[] file = compressedCapture();
        long bad = bufferAt(file, 200);
        List<Object> a = readAll(EtlReader.open(new CountingSource(file, bad), EtlReadOptions.defaults(),
                new ReadCounters()));
        List<Object> b = readAll(EtlReader.open(new CountingSource(file, bad),
                EtlReadOptions.defaults().withDecompressAhead(false), new ReadCounters()));
        assertThat(a).isEqualTo(b);
        assertThat(a.get(a.size() - 1)).asString().startsWith(EtlErrorKind.IO_ERROR.name()).contains("disk gone at "
                + bad);
        assertThat(a.size()).isGreaterThan(1000);
        assertThat(workerRunning()).isFalse();
    }

    @Test
    void closingPartWayEndsTheThread() throws IOException {
        byte[] file = compressedCapture();
        for (int records : new int[] {1, 300, 20_000}) {
            EtlReader r = EtlReader.open(new CountingSource(file, -1), EtlReadOptions.defaults(), new ReadCounters());
            for (int i = 0; i < records; i++) {
                assertThat(r.next()).isNotNull();
            }
            r.close();
            assertThat(workerRunning()).as("closed after %d records", records).isFalse();
            assertThat(r.next()).isNull();
        }
    }
}
