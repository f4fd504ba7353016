package io.etw4j.scm.internal.correlation;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The attribution stage over the real SCM WPP decoder and the shipped table: the messages of one RPC call joined by
 * services.exe thread, image paths of creations whose message has none, and corroboration by
 * Microsoft-Windows-Services. Records are built from the layouts the table cites (public decompilation of
 * services.exe); the message GUIDs are made up, one per source file, as on a real host.
 */
class ScmCorrelatorWppActsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    /** Stand-ins for the message GUIDs of ScCreateServiceRpc's and RStartServiceW's source files. */
    private static final UUID CREATE_FILE = UUID.fromString("119db94a-0000-4000-8000-000000000001");
    private static final UUID START_FILE = UUID.fromString("91aecf8c-0000-4000-8000-000000000002");
    private static final UUID CONTROL_FILE = UUID.fromString("a8d36da9-0000-4000-8000-000000000003");
    private static final int THREAD = 1234;
    private static final int OTHER_THREAD = 5678;
    private static final int CLIENT = 4936;
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-512";

    private final List<ScmEvent> out = new ArrayList<>();
    private ScmCorrelator correlator = correlator(ServiceImageLookup.none(), CorrelatorOptions.defaults());

    private static ScmCorrelator correlator(ServiceImageLookup images, CorrelatorOptions options) {
        return new ScmCorrelator(new ScmWppDecoder(MessageTable.defaults()), LiveProcessLookup.none(), images,
                options);
    }

    private static EventRecord wpp(UUID guid, int id, int thread, long millis, byte[] payload) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(guid)
                .descriptor(EventDescriptor.ofId(id))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(PublishedLayouts.SERVICES_EXE)
                .threadId(thread)
                .timestamp(T0.plusMillis(millis))
                .payload(payload)
                .build();
    }

    private static EventRecord create(String service, int wow, int pid, int thread, long millis) {
        return wpp(CREATE_FILE, 0x28, thread, millis, le().utf16z(service).u32(wow).u32(pid).bytes());
    }

    private static EventRecord startRequest(String service, int pid, int thread, long millis) {
        return wpp(START_FILE, 0x0c, thread, millis, le().utf16z(service).u32(pid).bytes());
    }

    private static EventRecord startResult(String service, int error, int exitCode, int thread, long millis) {
        return wpp(START_FILE, 0x0d, thread, millis, le().utf16z(service).u32(error).u32(exitCode).bytes());
    }

    private static EventRecord startSid(String service, String sid, int thread, long millis) {
        return wpp(START_FILE, 0x0e, thread, millis, le().utf16z(service).utf16z(sid).bytes());
    }

    private void feed(EventRecord... records) {
        for (EventRecord r : records) {
            out.addAll(correlator.onRecord(r));
        }
    }

    private void end() {
        out.addAll(correlator.onComplete());
    }

    private <T extends ScmEvent> List<T> all(Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One RPC call, one thread

    @Test
    void aRefusedCreateTakesTheClientOfTheRequestOnItsThread() {
        feed(create("wowsvc", 0x014C, CLIENT, THREAD, 0),
                wpp(CREATE_FILE, 0x2a, THREAD, 1, le().u32(0x014C).utf16z("wowsvc").u32(87).bytes()),
                wpp(CREATE_FILE, 0x2a, OTHER_THREAD, 2, le().u32(0x014C).utf16z("wowsvc").u32(87).bytes()),
                wpp(CREATE_FILE, 0x2b, THREAD, 3, le().u32(0x014C).utf16z("othersvc").u32(87).bytes()));
        end();

        List<ServiceCreateRefused> refused = all(ServiceCreateRefused.class);
        assertThat(refused).hasSize(3);
        ServiceCreateRefused sameCall = refused.stream().filter(r -> r.source().threadId() == THREAD
                && r.serviceName().equals("wowsvc")).findFirst().orElseThrow();
        assertThat(sameCall.client().pid()).isEqualTo(CLIENT);
        assertThat(sameCall.attributedBy()).isEqualTo(AttributionSource.CORRELATION);
        assertThat(sameCall.error()).isEqualTo(87);
        assertThat(sameCall.wowType()).isEqualTo(0x014C);
        assertThat(refused).filteredOn(r -> r != sameCall).as("another thread or service is another call")
                .hasSize(2).allSatisfy(r -> {
                    assertThat(r.client()).isEqualTo(ClientProcess.unknown());
                    assertThat(r.attributedBy()).isEqualTo(AttributionSource.NONE);
                });
    }

    @Test
    void aSuccessfulStartsOutcomeAndClientSidBecomeOneResultOfTheRequestsClient() {
        // The first start is held until its 0x0d teaches the decoder RStartServiceW's GUID, then typed; the second is
        // typed at once.
        feed(startRequest("Spooler", CLIENT, THREAD, 0), startResult("Spooler", 0, 0, THREAD, 10),
                startSid("Spooler", SID, THREAD, 11),
                startRequest("Spooler", CLIENT, THREAD, 1000), startResult("Spooler", 0, 0, THREAD, 1010),
                startSid("Spooler", SID, THREAD, 1011));
        end();

        assertThat(all(UnknownScmMessage.class)).as("the first 0x0c was held until its file was known").isEmpty();
        assertThat(all(ServiceStarted.class)).hasSize(2).allSatisfy(s -> {
            assertThat(s.client().pid()).isEqualTo(CLIENT);
            assertThat(s.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        });
        List<ServiceStartResult> results = all(ServiceStartResult.class);
        assertThat(results).as("each 0x0d merged with its 0x0e").hasSize(2).allSatisfy(r -> {
            assertThat(r.clientSid()).contains(SID);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.source().id()).isEqualTo(0x0d);
            assertThat(r.client().pid()).isEqualTo(CLIENT);
            assertThat(r.attributedBy()).isEqualTo(AttributionSource.CORRELATION);
        });
    }

    @Test
    void aFailedStartIsAResultWithItsErrorAndNoSid() {
        feed(startSid("warmup", SID, OTHER_THREAD, 0), startRequest("bad", CLIENT, THREAD, 100),
                startResult("bad", 1053, 0, THREAD, 200));
        end();

        ServiceStartResult r = all(ServiceStartResult.class).stream().filter(x -> x.serviceName().equals("bad"))
                .findFirst().orElseThrow();
        assertThat(r.error()).isEqualTo(1053);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.clientSid()).isEmpty();
        assertThat(r.client().pid()).isEqualTo(CLIENT);
    }

    @Test
    void aClientSidAloneIsAResultWithBothCodesZero() {
        feed(startSid("Spooler", SID, THREAD, 0));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceStartResult.class, r -> {
            assertThat(r.clientSid()).contains(SID);
            assertThat(r.error()).isZero();
            assertThat(r.serviceExitCode()).isZero();
            assertThat(r.client()).isEqualTo(ClientProcess.unknown());
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Image paths of current-build creations

    @Test
    void aLiveCreationReadsTheImagePathFromTheRegistry() {
        correlator = correlator(name -> name.equals("newsvc") ? Optional.of("C:\\new\\svc.exe") : Optional.empty(),
                CorrelatorOptions.defaults());

        feed(create("newsvc", 0, CLIENT, THREAD, 0));
        end();

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.imagePath()).contains(new ServiceImagePath("C:\\new\\svc.exe",
                    ServiceImagePath.Origin.REGISTRY));
            assertThat(c.client().pid()).isEqualTo(CLIENT);
        });
    }

    @Test
    void aKnownServiceImageIsUsedWhenTheMessageHasNone() {
        correlator = correlator(name -> {
            throw new IllegalStateException("registry unavailable");
        }, CorrelatorOptions.defaults().withKnownServiceImages(Map.of("NEWSVC", "C:\\known.exe")));

        feed(create("newsvc", 0, CLIENT, THREAD, 0));
        end();

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> assertThat(c.imagePath())
                .contains(new ServiceImagePath("C:\\known.exe", ServiceImagePath.Origin.CONFIGURED)));
    }

    @Test
    void aCreationWithoutPathWaitsForTheServicesProviderToNameTheImage() {
        feed(create("newsvc", 0, CLIENT, THREAD, 0));
        assertThat(out).as("held for the path").isEmpty();

        feed(PublishedLayouts.statusChange105(1, 4, 3, 4444, "newsvc", "C:\\Program Files\\new\\svc.exe", at(500)));
        end();

        ServiceCreated c = all(ServiceCreated.class).get(0);
        assertThat(c.imagePath()).contains(new ServiceImagePath("C:\\Program Files\\new\\svc.exe",
                ServiceImagePath.Origin.SERVICES_PROVIDER));
        assertThat(all(ServiceStatusChanged.class)).hasSize(1);
    }

    @Test
    void aCreationWithoutPathTakesItFromADriverLoadJoinedToItsStartByFileName() {
        feed(create("evildrv", 0, CLIENT, THREAD, 0),
                PublishedLayouts.serviceStart204("evildrv", "", 0x1_0000_0001L, CLIENT, 4, at(100)),
                PublishedLayouts.imageLoadV0(0xFFFFF80312340000L, 0x7000, 0,
                        "\\SystemRoot\\System32\\drivers\\evildrv.sys", at(200)));
        out.addAll(correlator.advanceTo(at(5_300)));
        end();

        DriverLoaded d = all(DriverLoaded.class).get(0);
        assertThat(d.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START_BY_FILE_NAME);
        ServiceCreated c = all(ServiceCreated.class).get(0);
        assertThat(c.imagePath()).contains(new ServiceImagePath("\\SystemRoot\\System32\\drivers\\evildrv.sys",
                ServiceImagePath.Origin.DRIVER_LOAD));
        assertThat(c.client().pid()).isEqualTo(CLIENT);
    }

    @Test
    void aCreationNoSourceExplainsIsReleasedWithoutPathAfterTwiceTheJoinWindow() {
        feed(PublishedLayouts.processStartV4(CLIENT, 0x1_0000_0002L, T0.minusSeconds(1), 4, 0x1_0000_0000L,
                "\\Device\\HarddiskVolume3\\installer.exe"), create("newsvc", 0, CLIENT, THREAD, 0));
        out.addAll(correlator.advanceTo(at(9_000)));
        assertThat(out).isEmpty();

        out.addAll(correlator.advanceTo(at(10_001)));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.imagePath()).isEmpty();
            assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Corroboration

    @Test
    void aWppStartFollowedByTheServicesReportIsOneCorroboratedEvent() {
        feed(startSid("warmup", SID, OTHER_THREAD, 0), startRequest("Spooler", CLIENT, THREAD, 100),
                PublishedLayouts.serviceStart204("Spooler", "", 0x1_0000_0001L, CLIENT, 4, at(150)));
        end();

        assertThat(all(ServiceStarted.class)).singleElement().satisfies(s -> {
            assertThat(s.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER);
            assertThat(s.corroborated()).isTrue();
            assertThat(s.evidence()).isEqualTo(Evidence.PUBLISHED_MANIFEST);
        });
    }

    @Test
    void aServicesReportAloneIsNotCorroborated() {
        feed(PublishedLayouts.serviceStart204("Spooler", "", 0x1_0000_0001L, CLIENT, 4, at(150)));
        end();

        assertThat(all(ServiceStarted.class)).singleElement().satisfies(s -> assertThat(s.corroborated()).isFalse());
    }

    @Test
    void aWppControlFollowedByTheServicesReportIsCorroborated() {
        feed(wpp(CONTROL_FILE, 0x73, THREAD, 100, le().u32(1).utf16z("Spooler").u32(CLIENT).u64(8).u64(9).bytes()),
                PublishedLayouts.sendControl200("Spooler", "Print Spooler", 1, 0x1_0000_0001L, CLIENT, 4, at(120)));
        end();

        assertThat(all(ServiceControlSent.class)).singleElement().satisfies(c -> {
            assertThat(c.corroborated()).isTrue();
            assertThat(c.displayName()).contains("Print Spooler");
        });
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}
