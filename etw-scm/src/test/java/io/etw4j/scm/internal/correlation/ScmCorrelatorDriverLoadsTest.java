package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The correlator's driver-load joins (split from {@link ScmCorrelatorTest}, same fixtures): a kernel image load joined
 * to the service created and started for it, held for late records, by file name, and the limits of the window.
 */
class ScmCorrelatorDriverLoadsTest extends CorrelatorScenario {

    // ----------------------------------------------------------------------------------------------------------
    // Driver loads

    @Test
    void aDriverLoadIsJoinedToTheServiceCreatedAndStartedForIt() {
        processes();
        List<ScmEvent> out = feed(
                FakeWppDecoder.create("evil", PID, "\\??\\C:\\Users\\bob\\evil.sys", at(1000)),
                PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1200)),
                PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0,
                        "\\Device\\HarddiskVolume3\\Users\\bob\\evil.sys", at(1250)));

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOf(ServiceCreated.class);
        assertThat(out.get(1)).isInstanceOf(ServiceStarted.class);
        assertThat(out.get(2)).isInstanceOfSatisfying(DriverLoaded.class, d -> {
            assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
            assertThat(d.attributedBy()).isEqualTo(AttributionSource.CORRELATION);
            assertThat(d.serviceName()).hasValue("evil");
            assertThat(d.serviceImagePath()).hasValue("\\??\\C:\\Users\\bob\\evil.sys");
            assertThat(d.client().pid()).isEqualTo(PID);
            assertThat(d.client().processStartKey()).hasValue(KEY);
            assertThat(d.client().imagePath()).hasValue(INSTALLER);
            assertThat(d.serviceStart()).hasValueSatisfying(s -> assertThat(s.attributedBy())
                    .isEqualTo(AttributionSource.SERVICES_PROVIDER));
            assertThat(d.imageBase()).isEqualTo(0xFFFFF80012340000L);
            assertThat(d.imageChecksum()).isEqualTo(0x1F2E3);
            assertThat(d.timestamp()).isEqualTo(at(1250));
        });
    }

    @Test
    void anImageLoadArrivingBeforeTheServiceStartRecordIsHeldAndJoined() {
        processes();
        feed(FakeWppDecoder.create("evil", PID, "C:\\Users\\bob\\evil.sys", at(1000)));

        // The load (later timestamp) is delivered before the start record from another CPU's buffer.
        List<ScmEvent> early = feed(PublishedLayouts.imageLoadV0(1, 2, 0, "\\??\\c:\\users\\BOB\\evil.sys",
                at(1250)));
        assertThat(early).as("held within the window").isEmpty();
        assertThat(correlator.stats().pending()).isEqualTo(1);

        List<ScmEvent> out = feed(PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1200)));

        assertThat(out).hasSize(2);
        assertThat(out).filteredOn(DriverLoaded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DriverLoaded.class, d -> {
                    assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
                    assertThat(d.client().imagePath()).hasValue(INSTALLER);
                });
        assertThat(correlator.stats().pending()).isZero();
    }

    @Test
    void anImageLoadArrivingBeforeCreateAndStartIsJoinedWhenBothArrive() {
        processes();
        assertThat(feed(PublishedLayouts.imageLoadV0(1, 2, 0, "\\SystemRoot\\System32\\drivers\\evil.sys",
                at(1300)))).isEmpty();
        assertThat(feed(FakeWppDecoder.create("evil", PID, "system32\\drivers\\evil.sys", at(1000)))).hasSize(1);

        List<ScmEvent> out = feed(FakeWppDecoder.start("evil", PID, at(1100)));

        assertThat(out).filteredOn(DriverLoaded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DriverLoaded.class, d -> {
                    assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
                    assertThat(d.serviceStart().orElseThrow().attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
                    assertThat(d.client().imagePath()).hasValue(INSTALLER);
                });
    }

    @Test
    void aStartLoggedJustAfterTheLoadStillJoinsWhenTheWindowCloses() {
        processes();
        feed(FakeWppDecoder.create("evil", PID, "C:\\evil.sys", at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\??\\C:\\evil.sys", at(1200)),
                PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1300)));

        List<ScmEvent> out = correlator.advanceTo(at(1200 + 5001));

        assertThat(out).singleElement().isInstanceOfSatisfying(DriverLoaded.class,
                d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START));
    }

    @Test
    void aDriverLoadThatNoServiceExplainsIsReportedUnattributed() {
        processes();
        assertThat(feed(PublishedLayouts.imageLoadV0(0xFFFFF80055550000L, 0x4000, 0,
                "\\SystemRoot\\System32\\drivers\\rootkit.sys", at(1000)))).isEmpty();

        // Trace time passes the window on the next record, whatever it is.
        List<ScmEvent> out = feed(PublishedLayouts.processStartV4(1, 1, at(6001), 4, 4, CMD));

        assertThat(out).singleElement().isInstanceOfSatisfying(DriverLoaded.class, d -> {
            assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED);
            assertThat(d.attributedBy()).isEqualTo(AttributionSource.NONE);
            assertThat(d.client().isKnown()).isFalse();
            assertThat(d.serviceName()).isEmpty();
            assertThat(d.imagePath()).isEqualTo("\\SystemRoot\\System32\\drivers\\rootkit.sys");
        });
        assertThat(correlator.onComplete()).isEmpty();
    }

    @Test
    void theEndOfTheStreamReleasesHeldDriverLoads() {
        feed(PublishedLayouts.imageLoadV0(1, 2, 0, "\\SystemRoot\\System32\\drivers\\rootkit.sys", at(1000)));

        assertThat(correlator.onComplete()).singleElement().isInstanceOfSatisfying(DriverLoaded.class,
                d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED));
        assertThat(correlator.onComplete()).as("idempotent").isEmpty();
        assertThatThrownBy(() -> correlator.onRecord(FakeWppDecoder.start("x", 1, at(2000))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKnownServiceWithoutAStartInTheWindowIsServiceOnly() {
        processes();
        feed(FakeWppDecoder.create("evil", PID, "C:\\evil.sys", at(1000)),
                PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1100)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\??\\C:\\evil.sys", at(1100 + 5001)));

        List<ScmEvent> out = correlator.onComplete();

        assertThat(out).singleElement().isInstanceOfSatisfying(DriverLoaded.class, d -> {
            assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_ONLY);
            assertThat(d.serviceName()).hasValue("evil");
            assertThat(d.client().isKnown()).isFalse();
        });
    }

    @Test
    void aDriverNamedLikeAStartedServiceJoinsByFileNameWhenNoImagePathIsKnown() {
        processes();
        feed(PublishedLayouts.serviceStart204("mydrv", "", KEY, PID, CMD_PID, at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\SystemRoot\\System32\\drivers\\MyDrv.sys", at(1100)));

        List<ScmEvent> out = correlator.onComplete();

        assertThat(out).singleElement().isInstanceOfSatisfying(DriverLoaded.class, d -> {
            assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START_BY_FILE_NAME);
            assertThat(d.serviceName()).hasValue("mydrv");
            assertThat(d.client().imagePath()).hasValue(INSTALLER);
        });
    }

    @Test
    void theFileNameJoinCanBeSwitchedOff() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(),
                CorrelatorOptions.defaults().withMatchByFileName(false));
        processes();
        feed(PublishedLayouts.serviceStart204("mydrv", "", KEY, PID, CMD_PID, at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\SystemRoot\\System32\\drivers\\mydrv.sys", at(1100)));

        assertThat(correlator.onComplete()).singleElement().isInstanceOfSatisfying(DriverLoaded.class,
                d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED));
    }

    @Test
    void aFileNameMatchIsNotUsedWhenTheServiceHasAnotherImagePath() {
        processes();
        feed(FakeWppDecoder.create("mydrv", PID, "C:\\elsewhere\\other.sys", at(900)),
                PublishedLayouts.serviceStart204("mydrv", "", KEY, PID, CMD_PID, at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\SystemRoot\\System32\\drivers\\mydrv.sys", at(1100)));

        assertThat(correlator.onComplete()).filteredOn(DriverLoaded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DriverLoaded.class,
                        d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED));
    }

    @Test
    void serviceImagesKnownBeforeTheTraceAreUsedWithADeviceMap() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(), CorrelatorOptions.defaults()
                .withKnownServiceImages(Map.of("legacy", "System32\\drivers\\legacy.sys"))
                .withDeviceToDrive(Map.of("\\Device\\HarddiskVolume3", "C:")));
        processes();

        List<ScmEvent> out = feed(PublishedLayouts.serviceStart204("legacy", "", KEY, PID, CMD_PID, at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0,
                        "\\Device\\HarddiskVolume3\\Windows\\System32\\drivers\\legacy.sys", at(1100)));

        assertThat(out).filteredOn(DriverLoaded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DriverLoaded.class, d -> {
                    assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
                    assertThat(d.serviceImagePath()).hasValue("System32\\drivers\\legacy.sys");
                });
    }

    @Test
    void twoDriveLettersNeverMatch() {
        processes();
        feed(FakeWppDecoder.create("evil", PID, "D:\\evil.sys", at(1000)),
                PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1100)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\??\\C:\\evil.sys", at(1200)));

        assertThat(correlator.onComplete()).filteredOn(DriverLoaded.class::isInstance).singleElement()
                .isInstanceOfSatisfying(DriverLoaded.class,
                        d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.UNATTRIBUTED));
    }

    @Test
    void theImagePathOfAStatusChangeIsUsedForTheJoin() {
        processes();
        List<ScmEvent> out = feed(
                PublishedLayouts.statusChange105(1, 2, 3, 0, "evil", "\\??\\C:\\drv\\x1.sys", at(900)),
                PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1000)),
                PublishedLayouts.imageLoadV0(1, 2, 0, "\\??\\C:\\drv\\x1.sys", at(1100)));

        assertThat(out.get(0)).isInstanceOfSatisfying(ServiceStatusChanged.class, s -> {
            assertThat(s.state()).isEqualTo(2);
            assertThat(s.startType()).isEqualTo(3);
            assertThat(s.servicePid()).isEmpty();
            assertThat(s.client().isKnown()).isFalse();
        });
        assertThat(out.get(2)).isInstanceOfSatisfying(DriverLoaded.class,
                d -> assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START));
    }

    @Test
    void imageLoadsIntoProcessesAreNotDriverLoads() {
        assertThat(feed(PublishedLayouts.imageLoadV0(0x7FF800000000L, 0x1000, PID, "C:\\Windows\\a.dll", at(1))))
                .isEmpty();
        assertThat(correlator.onComplete()).isEmpty();
        assertThat(correlator.stats().driverLoads()).isZero();
    }

    @Test
    void tooManyHeldLoadsReleaseTheOneDueFirst() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(),
                CorrelatorOptions.defaults().withMaxPending(2));
        feed(PublishedLayouts.imageLoadV0(1, 1, 0, "C:\\a.sys", at(1000)),
                PublishedLayouts.imageLoadV0(2, 1, 0, "C:\\b.sys", at(1001)));

        List<ScmEvent> out = feed(PublishedLayouts.imageLoadV0(3, 1, 0, "C:\\c.sys", at(1002)));

        assertThat(out).singleElement().isInstanceOfSatisfying(DriverLoaded.class,
                d -> assertThat(d.imagePath()).isEqualTo("C:\\a.sys"));
        assertThat(correlator.stats().releasedEarly()).isEqualTo(1);
        assertThat(correlator.stats().pending()).isEqualTo(2);
    }
}
