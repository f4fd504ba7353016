package io.etw4j.scm.demo;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Generates the demo capture etw-samples ships as {@code io/etw4j/samples/demo/scm-demo.etl} (what
 * {@code io.etw4j.samples.demo.DemoCapture} replays): a driver installation as a 64-bit Windows logger with the QPC
 * clock would record it, written by etw-core's
 * {@link SyntheticEtl} from the published layouts (every byte's derivation is documented there and in
 * {@link PublishedLayouts}). It is synthetic, not a capture from a Windows host.
 *
 * <p>The scenario, in trace time after {@link #START} (QPC ticks of 100 ns):
 * <ol>
 *   <li>+100 ms: Microsoft-Windows-Kernel-Process ProcessStart v4: setup.exe, PID 3556 (the published article's bytes
 *       {@code e4 0d 00 00}), start key {@link #INSTALLER_KEY}, parent explorer.exe PID 2000;</li>
 *   <li>+1000 ms: SCM WPP message 0x28 from services.exe (PID 700): service "evilsvc", client PID 3556, image path
 *       {@code C:\Users\bob\AppData\Local\Temp\evil.sys}; message GUID {@link #DEMO_MESSAGE_GUID}, a stand-in (the
 *       real one belongs to services.exe's source file and differs between builds);</li>
 *   <li>+1100 ms: Microsoft-Windows-Services 204 ServiceStart v0: "evilsvc", client 3556 with its start key;</li>
 *   <li>+1150 ms: Kernel-Process ImageLoad v0 with ProcessID 0 (a driver load, logged by the System process):
 *       {@code \Device\HarddiskVolume3\Users\bob\AppData\Local\Temp\evil.sys};</li>
 *   <li>+3000 ms: Kernel-Process ProcessStop v2 of setup.exe.</li>
 * </ol>
 *
 * <p>Regenerate after a deliberate change with {@code main} (argument: the resource path), then commit the file;
 * etw-samples' {@code DemoCaptureTest} fails while the committed bytes differ from what this class produces.
 */
public final class ScmDemoCapture {
    /** The logger's start time (TRACE_LOGFILE_HEADER.StartTime). */
    public static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    /** A stand-in for services.exe's WPP message GUID (made up; see the class doc). */
    public static final UUID DEMO_MESSAGE_GUID = UUID.fromString("5c1d3e0a-5c0a-4d3e-9e6f-0000000000a1");
    public static final int EXPLORER = 2000;
    public static final long EXPLORER_KEY = 0x2_0000_07D0L;
    public static final int INSTALLER = 0x0DE4; // 3556: the published article's e4 0d 00 00 (the article's "3356" is a slip)
    public static final long INSTALLER_KEY = 0x2_0000_0DE4L;
    public static final int SERVICES_EXE = 700;
    public static final String INSTALLER_IMAGE = "\\Device\\HarddiskVolume3\\Users\\bob\\Downloads\\setup.exe";
    public static final String SERVICE = "evilsvc";
    public static final String DRIVER_AS_CREATED = "C:\\Users\\bob\\AppData\\Local\\Temp\\evil.sys";
    public static final String DRIVER_AS_LOADED =
            "\\Device\\HarddiskVolume3\\Users\\bob\\AppData\\Local\\Temp\\evil.sys";

    private static final long START_QPC = 1_000_000_000L;
    private static final long PERF_FREQ = 10_000_000L;

    private ScmDemoCapture() {
    }

    /** The .etl image of the scenario. */
    public static byte[] build() {
        SyntheticEtl etl = new SyntheticEtl()
                .bufferSize(4096)
                .loggerName("etw4j-scm-demo")
                .logFileName("C:\\etw4j\\scm-demo.etl")
                .startQpc(START_QPC)
                .perfFreq(PERF_FREQ)
                .startTime(START)
                .bootTime(START.minus(Duration.ofHours(1)))
                .numberOfProcessors(2)
                .providerVersion(19045);
        event(etl, PublishedLayouts.processStartV4(INSTALLER, INSTALLER_KEY, at(100), EXPLORER, EXPLORER_KEY,
                INSTALLER_IMAGE));
        etl.message(m -> m.guid(DEMO_MESSAGE_GUID).number(0x28).sequence(1).timestamp(qpc(at(1000)))
                .systemInfo(SERVICES_EXE, SERVICES_EXE + 8)
                .payload(le().utf16z(SERVICE).u32(INSTALLER).utf16z(DRIVER_AS_CREATED).bytes()));
        event(etl, PublishedLayouts.serviceStart204(SERVICE, "", INSTALLER_KEY, INSTALLER, EXPLORER, at(1100)));
        event(etl, PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0, DRIVER_AS_LOADED, at(1150)));
        event(etl, PublishedLayouts.processStopV2(INSTALLER, INSTALLER_KEY, at(100), at(3000), 0, "setup.exe"));
        return etl.build();
    }

    /** Writes the image to {@code args[0]} (default: the resource in etw-samples' source tree). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0]
                : "etw-samples/src/main/resources/io/etw4j/samples/demo/scm-demo.etl");
        Files.createDirectories(out.getParent());
        Files.write(out, build());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    /** The QPC value of {@code t}: one tick is 100 ns at the 10 MHz perfFreq. */
    static long qpc(Instant t) {
        return START_QPC + Duration.between(START, t).toNanos() * PERF_FREQ / 1_000_000_000L;
    }

    private static void event(SyntheticEtl etl, EventRecord r) {
        EventDescriptor d = r.descriptor();
        etl.event(e -> e.provider(r.providerId()).id(d.id()).version(d.version()).channel(d.channel())
                .level(d.level()).opcode(d.opcode()).task(d.task()).keyword(d.keyword()).flags(r.flags())
                .processId(r.processId()).threadId(r.threadId()).timestamp(qpc(r.timestamp()))
                .payload(r.payload()));
    }
}
