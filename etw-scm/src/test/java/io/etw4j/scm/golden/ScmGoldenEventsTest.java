package io.etw4j.scm.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.demo.ScmDemoCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * The typed events and statistics of the SCM pipeline against goldens written by the code before the throughput work
 * of issue 21 (commit 00cf475): the demo capture, every shared capture ({@code ../shared/etl}), the benchmark's stream
 * (the demo capture's records in 2,000 copies ten minutes apart, {@code ScmMonitorBenchmark}), the same records one
 * second apart (windows overlap: duplicates, joins across copies, PID reuse) and the demo records damaged
 * (truncated and flipped payloads: every undecodable and unknown path with its reason).
 *
 * <p>Each golden holds, per event, its complete rendering ({@link GoldenRendering}) followed by the monitor's
 * statistics as seen by the subscriber right after it, and the final statistics; large streams keep the first lines
 * and a SHA-256 of all of them. Regenerate only on purpose: {@code -Detw4j.golden.update=true} (the goldens are then
 * what the code now gives, so a change of behaviour must be argued in the commit).
 */
class ScmGoldenEventsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/etw4j/scm/golden");
    private static final int LINES_KEPT = 400;

    record Stream_(String name, Supplier<ScmMonitor> monitor) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Stream_> streams() {
        List<Stream_> all = new ArrayList<>();
        all.add(new Stream_("demo", () -> ScmMonitor.builder().replay(ByteBuffer.wrap(ScmDemoCapture.build()))));
        all.add(new Stream_("bench-shifted", () -> ScmMonitor.builder().noLiveLookup()
                .from(Flux.fromIterable(shifted(2000, Duration.ofMinutes(10))))));
        all.add(new Stream_("overlapping", () -> ScmMonitor.builder().noLiveLookup()
                .from(Flux.fromIterable(shifted(300, Duration.ofSeconds(1))))));
        all.add(new Stream_("damaged", () -> ScmMonitor.builder().noLiveLookup()
                .from(Flux.fromIterable(damaged(400)))));
        Path shared = findSharedEtl();
        for (String name : new String[] {"AMSITrace.etl", "ShutdownPerfDiagLogger.etl", "lxcore_kernel.etl",
            "net.4.5.2.x64.etl", "powershell.etl"}) {
            all.add(new Stream_("shared-" + name, () -> {
                Assumptions.assumeTrue(shared != null && Files.isRegularFile(shared.resolve(name)),
                        "shared/etl/" + name + " not found");
                return ScmMonitor.replay(shared.resolve(name));
            }));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsAndStatisticsAreTheGoldens(Stream_ stream) throws IOException {
        ScmMonitor monitor = stream.monitor().get();
        List<String> lines = new ArrayList<>();
        monitor.events().doOnNext(e -> {
            lines.add(GoldenRendering.render(e));
            lines.add("  stats " + monitor.statistics());
        }).blockLast();
        lines.add("final " + monitor.statistics());
        List<String> actual = summary(lines);
        Path file = GOLDEN.resolve(stream.name() + ".txt");
        if (Boolean.getBoolean("etw4j.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(Files.isRegularFile(file)).as("golden %s (write it with -Detw4j.golden.update=true)", file)
                .isTrue();
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertThat(actual.get(i)).as("%s line %d", stream.name(), i + 1).isEqualTo(expected.get(i));
        }
        assertThat(actual).as(stream.name()).hasSameSizeAs(expected);
    }

    /** The header (line and event counts, SHA-256 of every line), then the first lines and the last one. */
    private static List<String> summary(List<String> lines) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String l : lines) {
            sha.update(l.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        List<String> out = new ArrayList<>();
        out.add("lines " + lines.size() + " events " + (lines.size() - 1) / 2 + " sha256 "
                + HexFormat.of().formatHex(sha.digest()));
        if (lines.size() <= LINES_KEPT + 1) {
            out.addAll(lines);
        } else {
            out.addAll(lines.subList(0, LINES_KEPT));
            out.add("...");
            out.add(lines.get(lines.size() - 1));
        }
        return out;
    }

    private static List<EventRecord> demoRecords() {
        return EtlFile.of(ByteBuffer.wrap(ScmDemoCapture.build()), EtlReadOptions.defaults().withTimestampOrder(true))
                .records().collectList().block();
    }

    /** As ScmMonitorBenchmark.Input: {@code copies} copies of the demo records, copy k shifted by k times {@code step}. */
    static List<EventRecord> shifted(int copies, Duration step) {
        List<EventRecord> demo = demoRecords();
        List<EventRecord> records = new ArrayList<>(demo.size() * copies);
        for (int k = 0; k < copies; k++) {
            Duration shift = step.multipliedBy(k);
            long rawShift = shift.toNanos() / 100;
            for (EventRecord r : demo) {
                records.add(r.toBuilder().timestamp(r.timestamp().plus(shift))
                        .rawTimestamp(r.rawTimestamp() + rawShift).build());
            }
        }
        return records;
    }

    /** Copies a minute apart, each record once intact, once truncated and once with one byte changed (seeded). */
    static List<EventRecord> damaged(int copies) {
        List<EventRecord> demo = demoRecords();
        Random random = new Random(21);
        List<EventRecord> records = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            Duration shift = Duration.ofMinutes(k);
            for (EventRecord r : demo) {
                EventRecord s = r.toBuilder().timestamp(r.timestamp().plus(shift)).build();
                records.add(s);
                byte[] p = s.payload();
                if (p.length == 0) {
                    continue;
                }
                records.add(s.toBuilder().payload(Arrays.copyOf(p, random.nextInt(p.length))).build());
                byte[] flipped = p.clone();
                flipped[random.nextInt(p.length)] ^= (byte) (1 + random.nextInt(255));
                records.add(s.toBuilder().payload(flipped).build());
            }
        }
        return records;
    }

    private static Path findSharedEtl() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("etl");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }
}
