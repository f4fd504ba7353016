package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A driver installation replayed end to end through the correlator, from records whose payloads are built byte by byte
 * from the published layouts (see {@link PublishedLayouts}; the first test pins the exact bytes of three of them).
 *
 * <p>The installer's PID is the seed article's: its bytes {@code e4 0d 00 00} are 0x0DE4 = 3556 (the article's
 * "== 3356" is an arithmetic slip; DEVELOPERS.md).
 */
class ScmAttributionScenarioTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final int EXPLORER = 2000;
    private static final long EXPLORER_KEY = 0x2_0000_07D0L;
    private static final int INSTALLER = 0x0DE4; // seed bytes e4 0d 00 00 = 3556
    private static final long INSTALLER_KEY = 0x2_0000_0DE4L;
    private static final long NOTEPAD_KEY = 0x2_0000_1000L;
    private static final String INSTALLER_IMAGE = "\\Device\\HarddiskVolume3\\Users\\bob\\Downloads\\setup.exe";
    private static final String DRIVER_AS_CREATED = "\\??\\C:\\Users\\bob\\AppData\\Local\\Temp\\evil.sys";
    private static final String DRIVER_AS_LOADED = "\\Device\\HarddiskVolume3\\Users\\bob\\AppData\\Local\\Temp\\evil.sys";

    private static Instant at(long millis) {
        return T.plusMillis(millis);
    }

    @Test
    void theRecordsCarryExactlyThePublishedBytes() {
        // SCM WPP message 0x28, seed article layout: "ev" as UTF-16LE + NUL, PID e4 0d 00 00, "C:\x" + NUL.
        assertThat(FakeWppDecoder.create("ev", INSTALLER, "C:\\x", T).payload()).isEqualTo(HexFormat.of()
                .parseHex("650076000000" + "e40d0000" + "43003a005c0078000000"));

        // Microsoft-Windows-Services 204 v0: ServiceName "ev\0", ServiceHostName "\0", ClientProcessStartKey u64 LE,
        // ClientProcessId u32 LE (e4 0d 00 00), ParentProcessId u32 LE (2000 = d0 07 00 00).
        assertThat(PublishedLayouts.serviceStart204("ev", "", INSTALLER_KEY, INSTALLER, EXPLORER, T).payload())
                .isEqualTo(HexFormat.of().parseHex("650076000000" + "0000" + "e40d000002000000" + "e40d0000"
                        + "d0070000"));

        // Kernel-Process ImageLoad v0, 64-bit: ImageBase u64, ImageSize u64, ProcessID 0, ImageCheckSum 0x1F2E3,
        // TimeDateStamp 0x5F000000, DefaultBase u64 0x140000000, ImageName "d\0".
        assertThat(PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0, "d", T).payload())
                .isEqualTo(HexFormat.of().parseHex("0000341200f8ffff" + "0080000000000000" + "00000000"
                        + "e3f20100" + "0000005f" + "0000004001000000" + "64000000"));
    }

    @Test
    void aDriverInstallIsAttributedToTheInstallerAcrossOutOfOrderRecordsAndPidReuse() {
        List<EventRecord> capture = List.of(
                PublishedLayouts.processStartV4(EXPLORER, EXPLORER_KEY, at(-60_000), 600, 0x2_0000_0258L,
                        "\\Device\\HarddiskVolume3\\Windows\\explorer.exe"),
                PublishedLayouts.processStartV4(INSTALLER, INSTALLER_KEY, at(1000), EXPLORER, EXPLORER_KEY,
                        INSTALLER_IMAGE),
                FakeWppDecoder.create("evilsvc", INSTALLER, DRIVER_AS_CREATED, at(2000)),
                // The load (t=2150) is delivered before the ServiceStart record (t=2100) from another CPU's buffer.
                PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0, DRIVER_AS_LOADED, at(2150)),
                PublishedLayouts.serviceStart204("evilsvc", "", INSTALLER_KEY, INSTALLER, EXPLORER, at(2100)),
                PublishedLayouts.processStopV2(INSTALLER, INSTALLER_KEY, at(1000), at(3000), 0, "setup.exe"),
                // PID 3556 is reused by another process.
                PublishedLayouts.processStartV4(INSTALLER, NOTEPAD_KEY, at(4000), EXPLORER, EXPLORER_KEY,
                        "\\Device\\HarddiskVolume3\\Windows\\notepad.exe"),
                // A driver no SCM start explains.
                PublishedLayouts.imageLoadV0(0xFFFFF80066660000L, 0x4000, 0,
                        "\\SystemRoot\\System32\\drivers\\rootkit.sys", at(5000)),
                // A late report about the first process (its start key names it despite the reuse).
                PublishedLayouts.sendControl200("WinDefend", "Microsoft Defender Antivirus Service", 1,
                        INSTALLER_KEY, INSTALLER, EXPLORER, at(2500)));

        ScmCorrelator correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(),
                CorrelatorOptions.defaults());
        List<ScmEvent> out = new ArrayList<>();
        for (EventRecord r : capture) {
            out.addAll(correlator.onRecord(r));
        }
        out.addAll(correlator.onComplete());

        assertThat(out).hasSize(5);
        ServiceCreated created = only(out, ServiceCreated.class);
        assertThat(created.serviceName()).isEqualTo("evilsvc");
        assertThat(created.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
        assertInstaller(created.client());

        ServiceStarted started = only(out, ServiceStarted.class);
        assertThat(started.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER);
        assertInstaller(started.client());

        List<DriverLoaded> loads = out.stream().filter(DriverLoaded.class::isInstance).map(DriverLoaded.class::cast)
                .toList();
        assertThat(loads).hasSize(2);
        DriverLoaded evil = loads.stream().filter(d -> d.imagePath().endsWith("evil.sys")).findFirst().orElseThrow();
        assertThat(evil.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
        assertThat(evil.serviceName()).hasValue("evilsvc");
        assertThat(evil.serviceImagePath()).hasValue(DRIVER_AS_CREATED);
        assertInstaller(evil.client());
        DriverLoaded rootkit = loads.stream().filter(d -> d.imagePath().endsWith("rootkit.sys")).findFirst()
                .orElseThrow();
        assertThat(rootkit.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED);
        assertThat(rootkit.client().isKnown()).isFalse();

        ServiceControlSent control = only(out, ServiceControlSent.class);
        assertThat(control.control()).isEqualTo(1);
        assertInstaller(control.client());

        assertThat(correlator.ancestry(started.client(), at(2100), 4)).extracting(ProcessEntry::imageName)
                .containsExactly("\\Device\\HarddiskVolume3\\Windows\\explorer.exe");
        assertThat(correlator.stats().pending()).isZero();
    }

    private static void assertInstaller(ClientProcess c) {
        assertThat(c.pid()).isEqualTo(3556);
        assertThat(c.processStartKey()).hasValue(INSTALLER_KEY);
        assertThat(c.imagePath()).hasValue(INSTALLER_IMAGE);
        assertThat(c.parentPid()).hasValue(EXPLORER);
        assertThat(c.resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
    }

    private static <T> T only(List<ScmEvent> events, Class<T> type) {
        List<T> matching = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
