package io.etw4j.bench;

import io.etw4j.core.internal.etl.Lzxpress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MS-XCA plain LZ77 decompressor alone ({@link Lzxpress#decompress}) over the 359 compressed buffers of
 * {@code shared/etl/net.4.5.2.x64.etl} (a PerfView relog of a kernel + CLR capture): one operation decompresses every
 * buffer into one reused output array, as the reader does. Auxiliary counters per second: {@code inputMegabytes}
 * (compressed bytes, 10^6) and {@code outputMegabytes} (decompressed bytes, 10^6). The buffers are cut from the file
 * in setup (BufferSize at 0x00, FilledBytes at 0x30, BufferFlag 0x40 at 0x34: WMI_BUFFER_HEADER, ntwmi.h), so only
 * decompression is timed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LzxpressBenchmark {
    private static final int HEADER = 0x48;

    /** The compressed payloads (after the 0x48-byte buffer header) and their decompressed lengths. */
    @State(Scope.Benchmark)
    public static class Buffers {
        List<byte[]> inputs = new ArrayList<>();
        int[] outputLengths;
        long inputBytes;
        long outputBytes;
        byte[] out;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            byte[] file = Files.readAllBytes(SharedEtl.locate("net.4.5.2.x64.etl"));
            ByteBuffer f = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            List<Integer> lengths = new ArrayList<>();
            int max = 0;
            for (int off = 0; off + HEADER <= file.length; ) {
                int size = f.getInt(off);
                if (size <= HEADER || off + size > file.length) {
                    break;
                }
                if ((f.getShort(off + 0x34) & 0x40) != 0) {
                    byte[] in = new byte[size - HEADER];
                    System.arraycopy(file, off + HEADER, in, 0, in.length);
                    int outLen = f.getInt(off + 0x30) - HEADER;
                    inputs.add(in);
                    lengths.add(outLen);
                    inputBytes += in.length;
                    outputBytes += outLen;
                    max = Math.max(max, outLen);
                }
                off += size;
            }
            outputLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
            out = new byte[max];
            System.out.printf("%n%d compressed buffers, %d bytes in, %d bytes out%n", inputs.size(), inputBytes,
                    outputBytes);
        }
    }

    /** Per-second figures. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public double inputMegabytes;
        public double outputMegabytes;

        @Setup(Level.Iteration)
        public void reset() {
            inputMegabytes = 0;
            outputMegabytes = 0;
        }
    }

    /** Decompresses every compressed buffer of the file once. */
    @Benchmark
    public long decompressAll(Buffers b, Counters c) throws Lzxpress.LzxpressException {
        long sum = 0;
        for (int i = 0; i < b.outputLengths.length; i++) {
            byte[] in = b.inputs.get(i);
            int n = Lzxpress.decompress(in, 0, in.length, b.out, 0, b.outputLengths[i]);
            if (n != b.outputLengths[i]) {
                throw new IllegalStateException("buffer " + i + ": " + n + " of " + b.outputLengths[i]);
            }
            sum += b.out[n - 1];
        }
        c.inputMegabytes += b.inputBytes / 1e6;
        c.outputMegabytes += b.outputBytes / 1e6;
        return sum;
    }
}
