package io.etw4j.samples.command;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A synthetic .etl of three client processes acting on services (test fixture, built as etw-scm's ScmDemoCapture is):
 * setup.exe creates and starts {@value #SERVICE} and its driver loads; sc.exe creates a service whose name is
 * {@link #HOSTILE_CREATE} and sends a control to {@link #HOSTILE} (markup that would run a script and close the picture
 * if a page did not escape it); powershell.exe starts Spooler and changes its configuration. 7 SCM events in 3 lanes.
 */
final class ScmScenarioCapture {
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    static final UUID MESSAGE_GUID = UUID.fromString("5c1d3e0a-5c0a-4d3e-9e6f-0000000000a1");
    static final String SERVICE = "evilsvc";
    /** A service name an attacker chose (Microsoft-Windows-Services passes it as it is). */
    static final String HOSTILE = "</svg><script>document.body.setAttribute('data-pwned','1')</script><b>x";
    /**
     * A service name an attacker chose for the WPP create message, without '/' or '\' (which a service name cannot
     * hold, so the WPP decoder refuses them).
     */
    static final String HOSTILE_CREATE = "<img src=x onerror=document.body.setAttribute('data-pwned','2')>";
    static final int SETUP = 3556;
    static final int SC = 4120;
    static final int POWERSHELL = 5230;
    static final int EXPLORER = 2000;
    static final int SERVICES_EXE = 700;
    static final int EVENTS = 7;
    static final int LANES = 3;
    private static final long START_QPC = 1_000_000_000L;
    private static final long PERF_FREQ = 10_000_000L;

    private ScmScenarioCapture() {
    }

    static byte[] build() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(4096).loggerName("etw4j-scenario")
                .logFileName("C:\\etw4j\\scenario.etl").startQpc(START_QPC).perfFreq(PERF_FREQ).startTime(START)
                .bootTime(START.minus(Duration.ofHours(1))).numberOfProcessors(2).providerVersion(19045);
        process(etl, SETUP, "\\Device\\HarddiskVolume3\\Users\\bob\\Downloads\\setup.exe", 100);
        process(etl, SC, "\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe", 200);
        process(etl, POWERSHELL, "\\Device\\HarddiskVolume3\\Windows\\System32\\WindowsPowerShell\\v1.0\\"
                + "powershell.exe", 300);
        create(etl, 1, SERVICE, SETUP, "C:\\Users\\bob\\AppData\\Local\\Temp\\evil.sys", 1000);
        event(etl, PublishedLayouts.serviceStart204(SERVICE, "", key(SETUP), SETUP, EXPLORER, at(1600)));
        event(etl, PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0,
                "\\Device\\HarddiskVolume3\\Users\\bob\\AppData\\Local\\Temp\\evil.sys", at(1650)));
        create(etl, 2, HOSTILE_CREATE, SC, "C:\\x.exe", 3000);
        event(etl, PublishedLayouts.sendControl200(HOSTILE, HOSTILE, 1, key(SC), SC, EXPLORER, at(4200)));
        event(etl, PublishedLayouts.serviceStart204("Spooler", "", key(POWERSHELL), POWERSHELL, EXPLORER, at(5200)));
        event(etl, PublishedLayouts.configChange201("Spooler", 2, key(POWERSHELL), POWERSHELL, EXPLORER, at(6400)));
        return etl.build();
    }

    private static long key(int pid) {
        return 0x2_0000_0000L + pid;
    }

    private static void process(SyntheticEtl etl, int pid, String image, long millis) {
        event(etl, PublishedLayouts.processStartV4(pid, key(pid), at(millis), EXPLORER, key(EXPLORER), image));
    }

    private static void create(SyntheticEtl etl, int sequence, String service, int client, String image,
            long millis) {
        etl.message(m -> m.guid(MESSAGE_GUID).number(0x28).sequence(sequence).timestamp(qpc(at(millis)))
                .systemInfo(SERVICES_EXE, SERVICES_EXE + 8)
                .payload(le().utf16z(service).u32(client).utf16z(image).bytes()));
    }

    static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    private static long qpc(Instant t) {
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
