package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.win32.WindowsEtwNative;
import io.etw4j.samples.Etw4jSamples;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ScmSessionMode;
import io.etw4j.scm.ScmSessionUse;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.history.HistoryEvent;
import io.etw4j.scm.history.HistoryScmEvent;
import io.etw4j.scm.history.ScmHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * Issue 18 item 8 on a real, elevated Windows host: after a monitor run in each {@link ScmSessionMode}, Windows' own
 * SCM trace is as it was. {@code logman query SCM -ets} lists the SCM WPP provider with the level and flags it had
 * before (and EnumerateTraceGuidsEx says the same); a service created during a SHARE run is in {@code SCM.EVM}, read
 * back with {@link ScmHistory}; {@code scm-history %windir%\System32\LogFiles\Scm} names this JVM's PID for it. In
 * PRIVATE mode the service created during the run is expected to be missing from {@code SCM.EVM} (the provider was
 * taken: inferred from the classic-provider rule, which this test checks) and one created after the run, once the
 * provider was given back, to be there.
 *
 * <p>Run with {@code mvnw -pl src-it -am verify -Pwindows-it} from an elevated prompt, on a host whose "SCM" session
 * runs (the default; not with TracingDisabled). Elsewhere the class is skipped with the reason, like the other
 * src-it tests. Nothing here has run on a Windows host yet.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW and the SCM exist only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "creates and deletes services: run with -Pwindows-it (sets etw4j.it=true)")
class ScmSessionModesIT {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ConcurrentLinkedQueue<ScmEvent> events = new ConcurrentLinkedQueue<>();
    private final List<String> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int me = (int) ProcessHandle.current().pid();
    private Disposable subscription;

    @TempDir
    Path temp;

    @BeforeAll
    static void requireElevationAndTheScmSession() throws Exception {
        Elevation.assume();
        assumeTrue(LiveTracing.sessionRuns(ScmProviders.SCM_SESSION_NAME),
                "services.exe's 'SCM' session does not run (TracingDisabled?): nothing to share or give back");
    }

    @AfterEach
    void stopAndDeleteServices() {
        if (subscription != null) {
            subscription.dispose();
        }
        try (ScmApi scm = new ScmApi()) {
            services.forEach(scm::deleteQuietly);
        }
    }

    @Test
    void shareModeLeavesTheScmTraceAsFoundAndItRecordsTheServiceCreatedDuringTheRun() throws Exception {
        ProviderState before = providerState();
        assumeTrue(before.enable != null, "the 'SCM' session does not hold the SCM WPP provider now");

        ScmMonitor monitor = ScmMonitor.create();
        String name = runCreatingAService(monitor, ScmSessionMode.SHARE);

        assertThat(providerState()).as("logman and EnumerateTraceGuidsEx after the run").isEqualTo(before);
        assertThat(LiveTracing.sessionRuns(ScmProviders.SCM_SESSION_NAME)).isTrue();
        assertThat(createdInScmEvm(name)).as("SCM.EVM kept recording during the run").contains(me);
        assertThat(scmHistoryPid(name)).as("scm-history over LogFiles\\Scm").contains(me);
    }

    @Test
    void privateModeGivesTheProviderBackWithItsLevelAndFlags() throws Exception {
        ProviderState before = providerState();
        assumeTrue(before.enable != null, "the 'SCM' session does not hold the SCM WPP provider now");

        ScmMonitor monitor = ScmMonitor.builder().privateScmSession(true).create();
        String during = runCreatingAService(monitor, ScmSessionMode.PRIVATE);
        assertThat(monitor.statistics().scmSession().flatMap(ScmSessionUse::providerGivenBack)).contains(true);

        assertThat(providerState()).as("logman and EnumerateTraceGuidsEx after the run").isEqualTo(before);
        String after = uniqueName("after");
        try (ScmApi scm = new ScmApi()) {
            scm.create(after, binary());
            services.add(after);
            scm.delete(after);
        }
        assertThat(createdInScmEvm(after)).as("recording again once given back").contains(me);
        assertThat(scmHistoryPid(after)).contains(me);
        assertThat(createdInScmEvm(during)).as("taken during the run (the classic-provider rule, inferred)")
                .isEmpty();
    }

    /** Subscribes, creates and deletes a service, waits for its ServiceCreated, cancels; returns the service name. */
    private String runCreatingAService(ScmMonitor monitor, ScmSessionMode expected) throws Exception {
        subscription = monitor.events().subscribe(events::add);
        Thread.sleep(SETTLE.toMillis());
        assertThat(monitor.statistics().scmSession().map(ScmSessionUse::mode)).contains(expected);
        String name = uniqueName(expected.name().toLowerCase(Locale.ROOT));
        try (ScmApi scm = new ScmApi()) {
            scm.create(name, binary());
            services.add(name);
            scm.delete(name);
        }
        Instant deadline = Instant.now().plus(WAIT);
        while (events.stream().noneMatch(e -> e instanceof ServiceCreated c && c.serviceName().equals(name))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(events).as("the monitor saw the creation").anySatisfy(e -> {
            assertThat(e).isInstanceOf(ServiceCreated.class);
            assertThat(((ServiceCreated) e).serviceName()).isEqualTo(name);
            assertThat(((ServiceCreated) e).client().pid()).isEqualTo(me);
        });
        subscription.dispose();
        subscription = null;
        return name;
    }

    /**
     * How the SCM session has the SCM WPP provider enabled: the provider block of {@code logman query SCM -ets}
     * (its lines naming level, keywords or flags, compared as text: logman's layout is not documented) and the
     * TRACE_ENABLE_INFO of EnumerateTraceGuidsEx for the session's logger id.
     */
    private static ProviderState providerState() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("logman", "query", ScmProviders.SCM_SESSION_NAME, "-ets"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> block = new ArrayList<>();
        boolean inBlock = false;
        for (String line : out.split("\\R")) {
            String l = line.trim().toLowerCase(Locale.ROOT);
            if (l.contains("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39") || l.contains("service control manager trace")) {
                inBlock = true;
            } else if (inBlock && (l.isEmpty() || l.startsWith("provider:"))) {
                inBlock = false;
            }
            if (inBlock && (l.contains("level") || l.contains("keyword") || l.contains("flag"))) {
                block.add(l.replaceAll("\\s+", " "));
            }
        }
        assertThat(out.toLowerCase(Locale.ROOT)).as("logman lists the SCM WPP provider: %s", out)
                .contains("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
        WindowsEtwNative etw = new WindowsEtwNative();
        TraceStatus scm = etw.queryTrace(ScmProviders.SCM_SESSION_NAME);
        ProviderInstance.Enable enable = null;
        for (ProviderInstance i : etw.providerInstances(ScmProviders.SCM_WPP_CONTROL_GUID)) {
            for (ProviderInstance.Enable e : i.enables()) {
                if (e.loggerId() == scm.loggerId()) {
                    enable = e;
                }
            }
        }
        return new ProviderState(block, enable);
    }

    /** What {@link #providerState()} found. */
    private record ProviderState(List<String> logmanLines, ProviderInstance.Enable enable) {
    }

    /** The client PIDs of ServiceCreated events for {@code name} in a copy of the current SCM.EVM, after a flush. */
    private List<Integer> createdInScmEvm(String name) throws IOException {
        new WindowsEtwNative().flushTrace(ScmProviders.SCM_SESSION_NAME);
        Path copy = temp.resolve("SCM.EVM");
        Files.copy(scmFolder().resolve("SCM.EVM"), copy, StandardCopyOption.REPLACE_EXISTING);
        List<HistoryEvent> all = ScmHistory.open(List.of(copy)).events().collectList().block(WAIT);
        List<Integer> pids = new ArrayList<>();
        for (HistoryEvent h : all) {
            if (h instanceof HistoryScmEvent s && s.event() instanceof ServiceCreated c
                    && c.serviceName().equals(name)) {
                pids.add(c.client().pid());
            }
        }
        return pids;
    }

    /** The client PIDs scm-history prints for ServiceCreated {@code name} over {@code %windir%\System32\LogFiles\Scm}. */
    private static List<Integer> scmHistoryPid(String name) throws IOException {
        new WindowsEtwNative().flushTrace(ScmProviders.SCM_SESSION_NAME);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Etw4jSamples.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("scm-history", scmFolder().toString());
        assertThat(code).as("scm-history: %s", err).isIn(0, 1);
        List<Integer> pids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            if (n.path("type").asText().equals("ServiceCreated") && n.path("serviceName").asText().equals(name)) {
                pids.add(n.path("client").path("pid").asInt());
            }
        }
        return pids;
    }

    private static Path scmFolder() {
        return Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32", "LogFiles", "Scm");
    }

    private static String binary() {
        return System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\cmd.exe /c exit 0";
    }

    private static String uniqueName(String kind) {
        return "etw4j-it-" + kind + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }
}
