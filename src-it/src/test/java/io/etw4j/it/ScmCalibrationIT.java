package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.Winsvc;
import io.etw4j.core.EventRecord;
import io.etw4j.core.session.EtwSession;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.calibration.CalibrationAct;
import io.etw4j.scm.calibration.CalibrationResult;
import io.etw4j.scm.calibration.ScmCalibration;
import io.etw4j.scm.calibration.ScmMessageKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * On a real, elevated Windows host: which SCM WPP create layout this build logs, and a live calibration. Same skip
 * rules as {@link ScmMonitorIT} (Windows, {@code -Pwindows-it}, elevated). What each test saw is written under
 * {@code target/} ({@code scm-layouts-observed.json}, {@code scm-calibrated.properties},
 * {@code scm-calibration-observed.txt}) so that a Windows user can send it back.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW and the SCM exist only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "creates and deletes services: run with -Pwindows-it (sets etw4j.it=true)")
class ScmCalibrationIT {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration PAUSE = Duration.ofMillis(1500);
    private static final Path OUT = Path.of("target");

    private final int me = (int) ProcessHandle.current().pid();
    private final String binary = System.getenv().getOrDefault("SystemRoot", "C:\\Windows")
            + "\\System32\\cmd.exe /c exit 0";

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    @Test
    void theCreateOfThisJvmNamesItsPidWhicheverCreateLayoutTheHostLogs() throws Exception {
        ConcurrentLinkedQueue<ScmEvent> events = new ConcurrentLinkedQueue<>();
        String name = "etw4j-it-layout-" + me + "-" + Long.toHexString(System.nanoTime());
        Disposable d = ScmMonitor.builder().servicesProvider(false).kernelProcess(false).create().events()
                .subscribe(events::add);
        ServiceCreated created;
        try (ScmApi scm = new ScmApi()) {
            Thread.sleep(SETTLE.toMillis());
            try {
                scm.create(name, binary);
            } finally {
                scm.deleteQuietly(name);
            }
            created = await(events, name);
        } finally {
            d.dispose();
        }
        boolean current = created.wowType().isPresent();
        boolean seed = created.imagePath().map(p -> p.origin() == ServiceImagePath.Origin.WPP_PAYLOAD).orElse(false);
        String layout = current ? "current: serviceName, wowType, clientPid"
                : seed ? "seed: serviceName, clientPid, imagePath" : "unknown";
        EventRecord r = created.source();
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("scm-layouts-observed.json"), "{\n"
                + "  \"windowsBuild\": " + quote(windowsBuild()) + ",\n"
                + "  \"createLayout\": " + quote(layout) + ",\n"
                + "  \"messageGuid\": " + quote(r.providerId().toString()) + ",\n"
                + "  \"messageId\": " + quote(String.format("0x%02x", r.id())) + ",\n"
                + "  \"evidence\": " + quote(created.evidence().name()) + ",\n"
                + "  \"payloadHex\": " + quote(HexFormat.of().formatHex(r.payload())) + ",\n"
                + "  \"clientPid\": " + created.client().pid() + ",\n"
                + "  \"jvmPid\": " + me + "\n}\n", StandardCharsets.UTF_8);

        assertThat(created.client().pid()).as("the create names this JVM").isEqualTo(me);
        assertThat(current || seed).as("a known create layout (see target/scm-layouts-observed.json)").isTrue();
        if (seed) {
            assertThat(created.imagePath().map(ServiceImagePath::path)).contains(binary);
        }
    }

    @Test
    void aLiveCalibrationLearnsACreateOfThisJvm() throws Exception {
        String name = "etw4j-calib-it-" + Long.toHexString(System.nanoTime());
        List<EventRecord> records = new ArrayList<>();
        EtwSession session = EtwSession.builder("scm-calibrate-it").flushTimer(Duration.ofSeconds(1))
                .enable(ScmProviders.scmWpp())
                .build();
        Disposable d = session.records().subscribe(r -> {
            synchronized (records) {
                records.add(r);
            }
        });
        List<CalibrationAct> acts = new ArrayList<>();
        try (ScmApi scm = new ScmApi()) {
            Thread.sleep(SETTLE.toMillis());
            try {
                act(acts, CalibrationAct.Kind.CREATE, () -> {
                    scm.create(name, binary);
                    return 0;
                });
                act(acts, CalibrationAct.Kind.CHANGE_CONFIG2, () -> scm.changeDescription(name, "etw4j calibration IT"));
                act(acts, CalibrationAct.Kind.START, () -> scm.start(name));
                act(acts, CalibrationAct.Kind.CONTROL, () -> scm.control(name,
                        Winsvc.SERVICE_CONTROL_INTERROGATE));
            } finally {
                act(acts, CalibrationAct.Kind.DELETE, () -> {
                    scm.deleteQuietly(name);
                    return 0;
                });
            }
            Thread.sleep(SETTLE.toMillis());
        } finally {
            d.dispose();
        }
        List<EventRecord> seen;
        synchronized (records) {
            seen = List.copyOf(records);
        }

        CalibrationResult result = ScmCalibration.builder(me, name).imagePath(binary).windowsBuild(windowsBuild())
                .acts(acts).build().calibrate(seen);
        Files.createDirectories(OUT);
        Path table = Files.writeString(OUT.resolve("scm-calibrated.properties"), result.tableText());
        Files.writeString(OUT.resolve("scm-calibration-observed.txt"), result.report().toString());

        assertThat(result.learnedKind(ScmMessageKind.CREATE_SERVICE)).as(result.report().toString()).isTrue();
        List<ScmEvent> decoded = ScmMonitor.builder().messageTable(table).minimumEvidence(Evidence.CAPTURE)
                .from(Flux.fromIterable(seen)).events().collectList().block();
        assertThat(decoded).filteredOn(ServiceCreated.class::isInstance).map(ServiceCreated.class::cast)
                .filteredOn(c -> c.serviceName().equals(name)).singleElement().satisfies(c -> {
                    assertThat(c.client().pid()).isEqualTo(me);
                    assertThat(c.evidence()).isEqualTo(Evidence.CAPTURE);
                });
    }

    private static void act(List<CalibrationAct> acts, CalibrationAct.Kind kind, IntSupplier call)
            throws InterruptedException {
        if (!acts.isEmpty()) {
            Thread.sleep(PAUSE.toMillis()); // keep the act windows (and their 500 ms slack) apart
        }
        Instant start = Instant.now();
        int result = call.getAsInt();
        Instant end = Instant.now();
        acts.add(new CalibrationAct(kind, start, end, result, kind == CalibrationAct.Kind.CONTROL
                ? OptionalInt.of(Winsvc.SERVICE_CONTROL_INTERROGATE) : OptionalInt.empty()));
    }

    private static ServiceCreated await(ConcurrentLinkedQueue<ScmEvent> events, String name)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ScmEvent e : events) {
                if (e instanceof ServiceCreated c && c.serviceName().equals(name)) {
                    return c;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ServiceCreated for " + name + " within " + WAIT + "; events seen: " + events);
    }

    /** The build from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (CurrentBuild, UBR), else os.version. */
    private static String windowsBuild() {
        String key = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
        try {
            return "10.0." + Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, "CurrentBuild") + "."
                    + Integer.toUnsignedString(Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, "UBR"));
        } catch (RuntimeException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
