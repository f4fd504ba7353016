package io.etw4j.scm.internal.correlation;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first start request after the decoder starts (0x0c, which fits RStartServiceW's layout and two diagnostic
 * layouts of other files until RStartServiceW's message GUID is learned from its 0x0d or 0x0e) is held on its
 * services.exe thread and decided by the records of the same call, or released as unknown with its reason. Records
 * are built from the shipped table's layouts over the real decoder; the message GUIDs are made up.
 */
class ScmCorrelatorAmbiguousHoldTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final UUID CREATE_FILE = UUID.fromString("119db94a-0000-4000-8000-000000000001");
    private static final UUID START_FILE = UUID.fromString("91aecf8c-0000-4000-8000-000000000002");
    private static final int THREAD = 1234;
    private static final int OTHER_THREAD = 5678;
    private static final int CLIENT = 4936;
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-512";
    private static final String NONE_CAME = "for a record identifying its file; none came";

    private final List<ScmEvent> out = new ArrayList<>();
    private ScmCorrelator correlator = correlator(CorrelatorOptions.defaults());

    private static ScmCorrelator correlator(CorrelatorOptions options) {
        return new ScmCorrelator(new ScmWppDecoder(MessageTable.defaults()), LiveProcessLookup.none(),
                ServiceImageLookup.none(), options);
    }

    private static EventRecord wpp(UUID guid, int id, int thread, long millis, byte[] payload) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(guid)
                .descriptor(EventDescriptor.ofId(id))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(PublishedLayouts.SERVICES_EXE)
                .threadId(thread)
                .timestamp(at(millis))
                .payload(payload)
                .build();
    }

    private static EventRecord startRequest(String service, int pid, int thread, long millis) {
        return wpp(START_FILE, 0x0c, thread, millis, le().utf16z(service).u32(pid).bytes());
    }

    private static EventRecord startResult(String service, int error, int thread, long millis) {
        return wpp(START_FILE, 0x0d, thread, millis, le().utf16z(service).u32(error).u32(0).bytes());
    }

    private static EventRecord startSid(String service, int thread, long millis) {
        return wpp(START_FILE, 0x0e, thread, millis, le().utf16z(service).utf16z(SID).bytes());
    }

    private static EventRecord create(String service, int pid, int thread, long millis) {
        return wpp(CREATE_FILE, 0x28, thread, millis, le().utf16z(service).u32(0).u32(pid).bytes());
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private void feed(EventRecord... records) {
        for (EventRecord r : records) {
            out.addAll(correlator.onRecord(r));
        }
    }

    private <T extends ScmEvent> List<T> all(Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theFirstStartFollowedByItsOutcomeOnTheSameThreadIsAttributedToItsClient() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0), startResult("Spooler", 1053, THREAD, 10));
        out.addAll(correlator.onComplete());

        assertThat(all(UnknownScmMessage.class)).isEmpty();
        ServiceStarted started = all(ServiceStarted.class).stream().findFirst().orElseThrow();
        assertThat(started.client().pid()).isEqualTo(CLIENT);
        assertThat(started.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
        assertThat(started.timestamp()).as("its own record's time").isEqualTo(at(0));
        assertThat(started.source().threadId()).isEqualTo(THREAD);
        ServiceStartResult result = all(ServiceStartResult.class).stream().findFirst().orElseThrow();
        assertThat(result.client().pid()).as("the outcome that taught the file joins the decided start")
                .isEqualTo(CLIENT);
        assertThat(result.attributedBy()).isEqualTo(AttributionSource.CORRELATION);
        assertThat(out).as("the start before its outcome").containsExactly(started, result);
        CorrelatorStats s = correlator.stats();
        assertThat(s.ambiguousHeld()).isEqualTo(1);
        assertThat(s.ambiguousDecidedLater()).isEqualTo(1);
        assertThat(s.ambiguousReleased()).isZero();
        assertThat(s.pending()).isZero();
    }

    @Test
    void theFirstSuccessfulStartWithOutcomeAndSidIsOneStartAndOneResultOfTheClient() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0), startResult("Spooler", 0, THREAD, 10),
                startSid("Spooler", THREAD, 11));
        out.addAll(correlator.onComplete());

        assertThat(all(UnknownScmMessage.class)).isEmpty();
        assertThat(all(ServiceStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.client().pid()).isEqualTo(CLIENT));
        assertThat(all(ServiceStartResult.class)).singleElement().satisfies(r -> {
            assertThat(r.client().pid()).isEqualTo(CLIENT);
            assertThat(r.clientSid()).contains(SID);
        });
    }

    @Test
    void aHeldStartIsCountedInPendingUntilDecided() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0));

        assertThat(out).isEmpty();
        assertThat(correlator.stats().pending()).isEqualTo(1);
        assertThat(correlator.stats().ambiguousHeld()).isEqualTo(1);
    }

    @Test
    void aStartNoRecordIdentifiesIsReleasedAsUnknownWithItsReasonWhenTheWindowEnds() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0));
        out.addAll(correlator.advanceTo(at(35_000)));
        assertThat(out).as("the window has not passed yet").isEmpty();

        out.addAll(correlator.advanceTo(at(35_001)));

        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class, u -> {
            assertThat(u.messageId()).isEqualTo(0x0c);
            assertThat(u.timestamp()).isEqualTo(at(0));
            assertThat(u.reason()).contains("fits 3 candidate layouts")
                    .endsWith("; held 35.001 s on thread " + THREAD + " " + NONE_CAME);
        });
        CorrelatorStats s = correlator.stats();
        assertThat(s.ambiguousHeld()).isEqualTo(1);
        assertThat(s.ambiguousDecidedLater()).isZero();
        assertThat(s.ambiguousReleased()).isEqualTo(1);
        assertThat(s.pending()).isZero();
    }

    @Test
    void aLaterRecordPastTheWindowComesAfterTheReleasedStart() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0), create("late", CLIENT, OTHER_THREAD, 40_000));
        out.addAll(correlator.onComplete());

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).contains("held 40.000 s on thread " + THREAD));
        assertThat(out.get(1)).isInstanceOf(ServiceCreated.class);
    }

    @Test
    void aNewRequestOnTheSameThreadReleasesTheHeldOneFirst() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0), create("newsvc", CLIENT, THREAD, 100));
        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).endsWith("held 0.100 s on thread " + THREAD + " " + NONE_CAME));

        out.addAll(correlator.onComplete());
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOf(ServiceCreated.class);
        assertThat(correlator.stats().ambiguousReleased()).isEqualTo(1);
    }

    @Test
    void aSecondAmbiguousStartOnTheSameThreadReleasesTheFirst() {
        feed(startRequest("a", CLIENT, THREAD, 0), startRequest("b", CLIENT, THREAD, 50),
                startResult("b", 1053, THREAD, 60));
        out.addAll(correlator.onComplete());

        assertThat(out.get(0)).isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).endsWith("held 0.050 s on thread " + THREAD + " " + NONE_CAME));
        assertThat(all(ServiceStarted.class)).singleElement().satisfies(s -> {
            assertThat(s.serviceName()).isEqualTo("b");
            assertThat(s.client().pid()).isEqualTo(CLIENT);
        });
        assertThat(correlator.stats().ambiguousHeld()).isEqualTo(2);
        assertThat(correlator.stats().ambiguousDecidedLater()).isEqualTo(1);
        assertThat(correlator.stats().ambiguousReleased()).isEqualTo(1);
    }

    @Test
    void startsHeldOnSeveralThreadsAreAllDecidedByOneIdentifyingRecordInArrivalOrder() {
        feed(startRequest("a", CLIENT, THREAD, 0), startRequest("b", CLIENT + 4, OTHER_THREAD, 5),
                startResult("a", 1053, THREAD, 10));
        out.addAll(correlator.onComplete());

        assertThat(all(UnknownScmMessage.class)).isEmpty();
        assertThat(all(ServiceStarted.class)).extracting(ServiceStarted::serviceName).containsExactly("a", "b");
        assertThat(all(ServiceStarted.class)).extracting(s -> s.client().pid()).containsExactly(CLIENT, CLIENT + 4);
    }

    @Test
    void theEndReleasesWhatIsStillHeld() {
        feed(startRequest("Spooler", CLIENT, THREAD, 0), create("x", CLIENT, OTHER_THREAD, 2_000));
        out.addAll(correlator.onComplete());

        assertThat(all(UnknownScmMessage.class)).singleElement()
                .satisfies(u -> assertThat(u.reason()).endsWith("held 2.000 s on thread " + THREAD + " "
                        + NONE_CAME));
    }

    @Test
    void aZeroWindowReleasesTheAmbiguousStartAtOnceAsBefore() {
        correlator = correlator(CorrelatorOptions.defaults().withAmbiguousHoldWindow(Duration.ZERO));
        feed(startRequest("Spooler", CLIENT, THREAD, 0));

        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).contains("fits 3 candidate layouts").doesNotContain("held"));
        assertThat(correlator.stats().ambiguousHeld()).isZero();
    }

    @Test
    void moreHeldThanTheCapReleasesTheOldestEarly() {
        correlator = correlator(CorrelatorOptions.defaults().withMaxPending(1));
        feed(startRequest("a", CLIENT, THREAD, 0), startRequest("b", CLIENT, OTHER_THREAD, 10));

        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).contains("on thread " + THREAD + " "));
        assertThat(correlator.stats().releasedEarly()).isEqualTo(1);
        assertThat(correlator.stats().pending()).isEqualTo(1);
    }

    @Test
    void aStartDecidedAfterItsServicesReportWasEmittedIsStillOneEvent() {
        // The Services report comes while the WPP start is held and is emitted (after the join window its unknown
        // client is held for); the WPP start is decided 6 s later, beyond two duplicate windows, and must still be
        // recognised as the same start.
        feed(startRequest("Spooler", CLIENT, THREAD, 0),
                PublishedLayouts.serviceStart204("Spooler", "", 0x1_0000_0001L, CLIENT, 4, at(50)));
        out.addAll(correlator.advanceTo(at(5_100)));
        assertThat(all(ServiceStarted.class)).as("the Services report, emitted").hasSize(1);
        feed(startResult("Spooler", 1053, THREAD, 6_000));
        out.addAll(correlator.onComplete());

        assertThat(all(ServiceStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER));
        assertThat(all(UnknownScmMessage.class)).isEmpty();
        assertThat(correlator.stats().duplicatesMerged()).isEqualTo(1);
    }
}
