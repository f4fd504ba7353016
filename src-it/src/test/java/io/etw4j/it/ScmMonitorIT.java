package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.preflight.ScmPreflight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.Disposable;

/**
 * End to end on a real, elevated Windows host: a live {@link ScmMonitor} names the process that created, started and
 * reconfigured a service, first through the SCM API from this JVM, then through {@code sc.exe}.
 *
 * <p>Run with {@code mvnw -pl src-it -am verify -Pwindows-it} from an elevated prompt. Elsewhere the class is skipped
 * with the reason: not Windows; or not asked for (the profile sets {@code etw4j.it=true}, because the tests create and
 * delete services); or not elevated (an assumption checked through {@link ScmPreflight}).
 *
 * <p>The services run {@code %SystemRoot%\System32\cmd.exe /c exit 0}, which ends at once, so StartService reports
 * ERROR_PROCESS_ABORTED or ERROR_SERVICE_REQUEST_TIMEOUT; the start request is what the providers trace. Each service
 * has a unique name and is deleted afterwards even when a test fails. Waits are bounded polls (events are held up to
 * the 5 s join window before they are emitted).
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW and the SCM exist only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "creates and deletes services: run with -Pwindows-it (sets etw4j.it=true)")
class ScmMonitorIT {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ConcurrentLinkedQueue<ScmEvent> events = new ConcurrentLinkedQueue<>();
    private final List<String> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Disposable subscription;
    private String binary;

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    @BeforeEach
    void startMonitor() throws InterruptedException {
        binary = System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\cmd.exe /c exit 0";
        subscription = ScmMonitor.create().events().subscribe(events::add);
        // EtwSession gives no "providers enabled" signal; give the session time to start before acting.
        Thread.sleep(SETTLE.toMillis());
    }

    @AfterEach
    void stopMonitorAndDeleteServices() {
        if (subscription != null) {
            subscription.dispose();
        }
        try (ScmApi scm = new ScmApi()) {
            services.forEach(scm::deleteQuietly);
        }
    }

    @Test
    void theScmApiCallsOfThisJvmAreAttributedToItsPid() throws InterruptedException {
        int me = (int) ProcessHandle.current().pid();
        String name = uniqueName("api");
        String newBinary = binary + " rem changed";
        try (ScmApi scm = new ScmApi()) {
            scm.create(name, binary);
            services.add(name);
            int startError = scm.start(name);
            assertThat(startError).as("StartServiceW error").isIn(0, WinError.ERROR_PROCESS_ABORTED,
                    WinError.ERROR_SERVICE_REQUEST_TIMEOUT);
            scm.changeConfig(name, WinNT.SERVICE_DISABLED, newBinary);
            scm.delete(name);
        }

        ServiceCreated created = await(ServiceCreated.class, c -> c.serviceName().equals(name));
        assertThat(created.client().pid()).isEqualTo(me);
        assertThat(created.imagePath().map(ServiceImagePath::path)).contains(binary);
        ServiceStarted started = await(ServiceStarted.class, s -> s.serviceName().equals(name));
        assertThat(started.client().pid()).isEqualTo(me);
        ServiceConfigChanged changed = await(ServiceConfigChanged.class, c -> c.serviceName().equals(name));
        assertThat(changed.client().pid()).isEqualTo(me);
    }

    @Test
    void scExeCallsAreAttributedToEachScExeProcess() throws Exception {
        String name = uniqueName("sc");
        long createPid = sc("create", name, "binPath=", binary);
        services.add(name);
        long startPid = sc("start", name); // fails to start (the program exits) but the request is traced
        long configPid = sc("config", name, "start=", "disabled");
        sc("delete", name);

        ServiceCreated created = await(ServiceCreated.class, c -> c.serviceName().equals(name));
        assertThat(created.client().pid()).isEqualTo((int) createPid);
        assertThat(created.imagePath().map(ServiceImagePath::path)).contains(binary);
        assertThat(created.client().imagePath().map(p -> p.toLowerCase(Locale.ROOT)))
                .hasValueSatisfying(p -> assertThat(p).endsWith("sc.exe"));
        ServiceStarted started = await(ServiceStarted.class, s -> s.serviceName().equals(name));
        assertThat(started.client().pid()).isEqualTo((int) startPid);
        ServiceConfigChanged changed = await(ServiceConfigChanged.class, c -> c.serviceName().equals(name));
        assertThat(changed.client().pid()).isEqualTo((int) configPid);
    }

    private static String uniqueName(String kind) {
        return "etw4j-it-" + kind + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    /** Runs {@code sc.exe args...}, waits for it (bounded) and returns its PID. */
    private static long sc(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("sc.exe");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long pid = p.pid();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sc.exe %s finished", command).isTrue();
        if (!args[0].equals("start")) {
            assertThat(p.exitValue()).as("sc.exe %s: %s", command, output).isZero();
        }
        return pid;
    }

    /** The first event of {@code type} matching {@code test}, polling up to {@link #WAIT}. */
    private <T extends ScmEvent> T await(Class<T> type, Predicate<T> test) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ScmEvent e : events) {
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + "; events seen: " + events);
    }
}
