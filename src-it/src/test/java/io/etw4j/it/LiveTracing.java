package io.etw4j.it;

import io.etw4j.core.EventRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the session integration tests share on a real Windows host: a child process to trace, the events it makes,
 * bounded waits for them, and {@code logman} to see which sessions run. Stateless; Windows only (the callers are
 * skipped elsewhere).
 */
final class LiveTracing {
    /** Time given to a session after {@code subscribe} before acting: ETW gives no "providers are logging" signal. */
    static final Duration SETTLE = Duration.ofSeconds(3);
    /** The longest wait for an event. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Microsoft-Windows-Kernel-Process (its manifest; issue 5's sources cited in etw-scm KernelProcessProvider). */
    static final UUID KERNEL_PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    /** WINEVENT_KEYWORD_PROCESS of Microsoft-Windows-Kernel-Process: ProcessStart (id 1) and ProcessStop. */
    static final long KEYWORD_PROCESS = 0x10L;

    private LiveTracing() {
    }

    /** Runs {@code %SystemRoot%\System32\cmd.exe /c exit 0}, waits for it (bounded) and returns its PID. */
    static long runChild() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(System.getenv().getOrDefault("SystemRoot", "C:\\Windows")
                + "\\System32\\cmd.exe", "/c", "exit", "0").redirectErrorStream(true).start();
        long pid = p.pid();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cmd.exe /c exit 0 did not end within 60 s");
        }
        return pid;
    }

    /** A Microsoft-Windows-Kernel-Process ProcessStart (id 1) whose first field, ProcessID (u32), is {@code pid}. */
    static boolean isKernelProcessStartOf(EventRecord r, long pid) {
        return KERNEL_PROCESS.equals(r.providerId()) && r.id() == 1 && r.payloadSize() >= 4
                && r.payloadReader().u32() == pid;
    }

    /** The first record of {@code records} matching {@code test}, polling up to {@link #WAIT}; empty if none came. */
    static Optional<EventRecord> await(Collection<EventRecord> records, Predicate<EventRecord> test)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Optional<EventRecord> found = records.stream().filter(test).findFirst();
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Whether an ETW session named {@code name} runs, by the exit code of {@code logman query NAME -ets}: 0 when it
     * lists the session, another code when there is none (inferred from logman's behaviour: it exits with the
     * HRESULT of its error, e.g. "Data Collector Set was not found"; the tests check the "runs" side too, while their
     * own session is up, so a logman that always failed would be noticed).
     */
    static boolean sessionRuns(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("logman", "query", name, "-ets")).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("logman query did not end within 60 s: " + output);
        }
        return p.exitValue() == 0;
    }

    /**
     * Whether this Windows is Windows 8 (NT 6.2) or later, from {@code os.version} ("6.2", "10.0"; the JDK reads the
     * real version, not the compatibility-shimmed one: inferred from the values JDK 17 reports on Windows 10 and 11).
     */
    static boolean windows8OrLater() {
        String[] v = System.getProperty("os.version", "0.0").split("\\.");
        try {
            int major = Integer.parseInt(v[0]);
            int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return major > 6 || (major == 6 && minor >= 2);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
