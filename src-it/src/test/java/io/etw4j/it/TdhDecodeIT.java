package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.TdhSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.Disposable;

/**
 * On a real, elevated Windows host: etw-decode's {@link TdhSchemas} decodes a live Microsoft-Windows-Kernel-Process
 * ProcessStart (event 1) of a child process this test starts, through TdhGetEventInformation and the same
 * TRACE_EVENT_INFO parser the Linux tests prove on bytes. Same skip rules as {@link ScmMonitorIT}. What it decoded is
 * written to {@code target/tdh-decoded-process-start.txt} so that a Windows user can send it back.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW and TDH exist only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "starts a live session: run with -Pwindows-it (sets etw4j.it=true)")
class TdhDecodeIT {
    /** Microsoft-Windows-Kernel-Process (its manifest; issue 5's sources cited in etw-scm KernelProcessProvider). */
    private static final UUID KERNEL_PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    /** WINEVENT_KEYWORD_PROCESS. */
    private static final long KEYWORD_PROCESS = 0x10L;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    @Test
    void aLiveProcessStartDecodesThroughTdhWithTheChildsPid() throws Exception {
        ConcurrentLinkedQueue<EventRecord> records = new ConcurrentLinkedQueue<>();
        EtwSession session = EtwSession.builder("etw4j-it-tdh")
                .enable(Provider.of(KERNEL_PROCESS).level(TraceLevel.INFORMATION).matchAnyKeyword(KEYWORD_PROCESS))
                .build();
        Disposable d = session.records().subscribe(records::add);
        long child;
        try {
            Thread.sleep(3_000); // the session gives no "providers enabled" signal
            Process p = new ProcessBuilder(System.getenv().getOrDefault("SystemRoot", "C:\\Windows")
                    + "\\System32\\cmd.exe", "/c", "exit", "0").start();
            child = p.pid();
            p.waitFor();
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline) && records.stream().noneMatch(r -> isStartOf(r, child))) {
                Thread.sleep(200);
            }
        } finally {
            d.dispose();
        }
        EventRecord start = records.stream().filter(r -> isStartOf(r, child)).findFirst().orElseThrow();

        DecodedEvent e = EventDecoder.builder().add(TdhSchemas.create()).build().decode(start);

        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "tdh-decoded-process-start.txt"), e.schema() + "\n" + e.fields() + "\n"
                + e.errors() + "\n", StandardCharsets.UTF_8);
        assertThat(e.isDecoded()).isTrue();
        assertThat(e.schema().orElseThrow().origin()).isEqualTo(SchemaOrigin.TDH);
        assertThat(e.errors()).isEmpty();
        assertThat(e.field("ProcessID")).contains(child);
        assertThat(String.valueOf(e.field("ImageName").orElseThrow())).endsWithIgnoringCase("cmd.exe");
    }

    /** A ProcessStart (id 1) whose first field, ProcessID (u32), is {@code pid}. */
    private static boolean isStartOf(EventRecord r, long pid) {
        return KERNEL_PROCESS.equals(r.providerId()) && r.id() == 1 && r.payloadSize() >= 4
                && (r.payloadReader().u32() == pid);
    }
}
