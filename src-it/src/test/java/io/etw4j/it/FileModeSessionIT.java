package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.LogFile;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.SessionBuilder;
import io.etw4j.core.session.TraceLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * On a real, elevated Windows host: sessions that record to an .etl file ({@link io.etw4j.core.session.StartedSessionBuilder#logFile(LogFile)}),
 * read back with {@link EtlFile#open(Path)}. Microsoft-Windows-Kernel-Process with WINEVENT_KEYWORD_PROCESS logs a
 * ProcessStart (id 1) when this test starts a child process. A file-only session ({@code realTime(false)}) puts it in
 * the file; a real-time session with a file delivers it both ways, as the same event
 * ({@link EventRecord#sameEventAs(EventRecord)}). Same skip rules as {@link ScmMonitorIT}.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW exists only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "starts live sessions: run with -Pwindows-it (sets etw4j.it=true)")
class FileModeSessionIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    private static SessionBuilder kernelProcess(String name) {
        return EtwSession.builder(name).enable(Provider.of(LiveTracing.KERNEL_PROCESS).level(TraceLevel.INFORMATION)
                .matchAnyKeyword(LiveTracing.KEYWORD_PROCESS));
    }

    @Test
    void aFileOnlySessionWritesTheChildsStartToTheEtlFile() throws Exception {
        Path etl = dir.resolve("x.etl");
        EtwSession session = kernelProcess("it-file-only").logFile(LogFile.sequential(etl)).realTime(false).build();
        ConcurrentLinkedQueue<EventRecord> live = new ConcurrentLinkedQueue<>();
        Disposable d = session.records().subscribe(live::add);
        long child;
        try {
            Thread.sleep(LiveTracing.SETTLE.toMillis());
            child = LiveTracing.runChild();
            Thread.sleep(LiveTracing.SETTLE.toMillis()); // let the provider log before the stop closes the file
        } finally {
            d.dispose(); // ControlTraceW STOP: ETW flushes the buffers and closes the file
        }
        assertThat(live).as("no real-time delivery").isEmpty();
        assertThat(etl).isRegularFile();

        List<EventRecord> recorded = EtlFile.open(etl).records().collectList().block();

        long pid = child;
        assertThat(recorded).as("%s (%d bytes) holds the ProcessStart of pid %d", etl, Files.size(etl), child)
                .anyMatch(r -> LiveTracing.isKernelProcessStartOf(r, pid));
    }

    @Test
    void realTimeAndFileTogetherGiveTheSameEventBothWays() throws Exception {
        Path etl = dir.resolve("both.etl");
        EtwSession session = kernelProcess("it-file-and-live").logFile(LogFile.sequential(etl)).build();
        ConcurrentLinkedQueue<EventRecord> live = new ConcurrentLinkedQueue<>();
        Disposable d = session.records().subscribe(live::add);
        EventRecord liveStart;
        long child;
        try {
            Thread.sleep(LiveTracing.SETTLE.toMillis());
            child = LiveTracing.runChild();
            long pid = child;
            liveStart = LiveTracing.await(live, r -> LiveTracing.isKernelProcessStartOf(r, pid)).orElse(null);
        } finally {
            d.dispose();
        }
        assertThat(liveStart).as("the ProcessStart of pid %d, live", child).isNotNull();

        long pid = child;
        EventRecord fileStart = EtlFile.open(etl).records()
                .filter(r -> LiveTracing.isKernelProcessStartOf(r, pid)).blockFirst();

        assertThat(fileStart).as("the ProcessStart of pid %d in %s", child, etl).isNotNull();
        assertThat(fileStart.payload()).isEqualTo(liveStart.payload());
        assertThat(fileStart.processId()).isEqualTo(liveStart.processId());
        assertThat(fileStart.threadId()).isEqualTo(liveStart.threadId());
        assertThat(liveStart.sameEventAs(fileStart)).as("same event live and from the file:%n live %s%n file %s",
                liveStart, fileStart).isTrue();
    }
}
