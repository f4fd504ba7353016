package io.etw4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.internal.SessionNames;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The kinds of session of issue 13 over {@link FakeEtwNative}: NT Kernel Logger, system loggers, attach, shared runs,
 * capture state, filters and file recording; every native call and its arguments as the session makes them (the bytes
 * the Windows layer writes from them are checked in {@code WindowsEtwNativeTest}).
 */
@Timeout(60)
class EtwSessionKindsTest {
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final UUID PROCESS_CLASS = KernelStackEvent.PROCESS_CLASS;
    private static final UUID SYSTEM_TRACE_CONTROL = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");
    private static final String KERNEL_LOGGER = "NT Kernel Logger";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long SELF_PID = 100;
    private static final long SELF_START = 1_700_000_000_000L;

    private FakeEtwNative fake;
    private VirtualTimeScheduler time;

    @BeforeEach
    void setUp() {
        fake = new FakeEtwNative();
        time = VirtualTimeScheduler.create();
    }

    @AfterEach
    void tearDown() {
        time.dispose();
    }

    private <B extends HandOffBuilder<B>> B env(B b) {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(SELF_PID, SELF_START))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withHealthScheduler(time)
                .withContentionLog(mock(Logger.class));
        return SessionInternals.withEnvironment(b, env);
    }

    private static String name(String logical) {
        return SessionNames.format(logical, SELF_PID, SELF_START);
    }

    /**
     * A kernel record as the native layer copies it for a live consumer (EventRecordCopier: a classic header gives
     * {@link HeaderKind#CLASSIC}): the MOF class GUID as provider id, the event type as opcode, id and task 0.
     */
    private static EventRecord processStart(int pid) {
        return EventRecord.builder().headerKind(HeaderKind.CLASSIC).providerId(PROCESS_CLASS)
                .flags(EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_64_BIT_HEADER)
                .descriptor(new EventDescriptor(0, 4, 0, 0, 1, 0, 0L)).processId(pid).threadId(8)
                .payload(new byte[] {1, 2, 3, 4}).build();
    }

    private static EventRecord scm(int id) {
        return EventRecord.builder().providerId(SCM).id(id).processId(4).threadId(8).build();
    }

    // ------------------------------------------------------------------ NT Kernel Logger

    @Test
    void kernelLoggerStartsWithItsFixedNameGuidAndFlagsEnablesNothingAndStopsOnCancel() {
        EtwSession session = env(EtwSession.kernelBuilder())
                .kernelFlags(KernelFlag.PROCESS, KernelFlag.IMAGE_LOAD, KernelFlag.NETWORK_TCPIP).build();
        assertThat(session.sessionName()).isEqualTo(KERNEL_LOGGER);
        fake.emit(processStart(1234));

        StepVerifier.create(session.records())
                .assertNext(r -> {
                    // the record as EtlFile gives kernel records: class GUID as provider, type as opcode
                    assertThat(r.providerId()).isEqualTo(PROCESS_CLASS);
                    assertThat(r.descriptor().opcode()).isEqualTo(1);
                    assertThat(r.processId()).isEqualTo(1234);
                    // the same event as EtlFile gives it (SYSTEM header, hook id 0x0301, task = group 3)
                    assertThat(r.sameEventAs(r.toBuilder().headerKind(HeaderKind.SYSTEM)
                            .descriptor(new EventDescriptor(0x0301, 4, 0, 0, 1, 3, 0L)).build())).isTrue();
                })
                .thenCancel()
                .verify(WAIT);

        SessionConfig c = fake.startConfigs().get(0);
        assertThat(c.enableFlags()).isEqualTo(0x1 | 0x4 | 0x10000);
        assertThat(c.sessionGuid()).isEqualTo(SYSTEM_TRACE_CONTROL);
        assertThat(c.logFileMode()).isEqualTo(SessionConfig.EVENT_TRACE_REAL_TIME_MODE);
        assertThat(c.logFileName()).isNull();
        assertThat(SessionAssembly.sessionGuid(io.etw4j.core.internal.SessionSpec.Kind.PRIVATE, "x")).isNull();
        assertThat(fake.calls()).contains("START " + KERNEL_LOGGER, "OPEN " + KERNEL_LOGGER, "STOP " + KERNEL_LOGGER)
                .noneMatch(call -> call.startsWith("ENABLE"));
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void aRunningKernelLoggerFailsTheStartByDefaultAndIsLeftAlone() {
        fake.addSession(KERNEL_LOGGER);
        EtwSession session = env(EtwSession.kernelBuilder()).kernelFlags(KernelFlag.PROCESS).build();

        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(EtwCallException.class);
                    assertThat(((EtwCallException) e).errorCode()).isEqualTo(Win32Errors.ERROR_ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("NT Kernel Logger already runs", "STOP_AND_RESTART",
                            "system logger");
                })
                .verify(WAIT);
        assertThat(fake.runningSessions()).containsExactly(KERNEL_LOGGER);
        assertThat(fake.count(Op.STOP)).isZero();
    }

    @Test
    void stopAndRestartReplacesARunningKernelLogger() {
        fake.addSession(KERNEL_LOGGER);
        EtwSession session = env(EtwSession.kernelBuilder()).kernelFlags(KernelFlag.PROCESS)
                .existingSession(ExistingSessionPolicy.STOP_AND_RESTART).build();

        session.records().subscribe().dispose();

        assertThat(fake.calls()).containsSubsequence("START " + KERNEL_LOGGER, "STOP " + KERNEL_LOGGER,
                "START " + KERNEL_LOGGER, "OPEN " + KERNEL_LOGGER, "STOP " + KERNEL_LOGGER);
    }

    @Test
    void groupMaskAndKernelStacksAreSetWithTraceSetInformationAfterTheStart() {
        EtwSession session = env(EtwSession.kernelBuilder()).kernelFlags(KernelFlag.PROCESS)
                .groupMask(0x1, 0, 0, 0x20000000)
                .kernelStacks(KernelStackEvent.PROCESS_START, new KernelStackEvent(KernelStackEvent.IMAGE_CLASS, 10))
                .build();

        session.records().subscribe().dispose();

        assertThat(fake.calls()).containsSubsequence("START " + KERNEL_LOGGER,
                "SET_INFORMATION " + EtwNative.TRACE_SYSTEM_TRACE_ENABLE_FLAGS_INFO,
                "SET_INFORMATION " + EtwNative.TRACE_STACK_TRACING_INFO, "OPEN " + KERNEL_LOGGER);
        List<FakeEtwNative.SetInformation> set = fake.setInformationCalls();
        assertThat(set.get(0).sessionHandle()).isEqualTo(0x1001); // the handle StartTrace returned
        ByteBuffer mask = ByteBuffer.wrap(set.get(0).information()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(mask.remaining()).isEqualTo(32); // PERFINFO_GROUPMASK: 8 ULONGs, padded with zeros
        assertThat(new int[] {mask.getInt(0), mask.getInt(4), mask.getInt(8), mask.getInt(12), mask.getInt(16),
                mask.getInt(28)}).containsExactly(0x1, 0, 0, 0x20000000, 0, 0);
        byte[] ids = set.get(1).information();
        assertThat(ids).hasSize(2 * 24); // two CLASSIC_EVENT_IDs
        // {3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c} in Windows' GUID layout, then Type 1 and 7 reserved zero bytes
        assertThat(java.util.HexFormat.of().formatHex(ids, 0, 24))
                .isEqualTo("d0a86f3d" + "05fe" + "d011" + "9dda00c04fd7ba7c" + "01" + "00000000000000");
        assertThat(ids[24 + 16]).isEqualTo((byte) 10);
    }

    @Test
    void buildersRefuseWhatTheKindDoesNotTake() {
        assertThatThrownBy(() -> env(EtwSession.kernelBuilder()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kernelFlags");
        assertThatThrownBy(() -> env(EtwSession.builder("plain")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Provider");
        assertThatThrownBy(() -> env(EtwSession.systemLoggerBuilder("sys")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kernelFlags");
        assertThatThrownBy(() -> env(EtwSession.builder("x")).enable(Provider.of(SCM)).realTime(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("logFile");
        assertThatThrownBy(() -> env(EtwSession.kernelBuilder()).kernelFlags(KernelFlag.PROCESS).realTime(false)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("logFile");
        assertThatThrownBy(() -> env(EtwSession.builder("x")).enable(Provider.of(SCM)).minimumBuffers(8)
                .maximumBuffers(4).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("minimumBuffers");
        assertThatThrownBy(() -> EtwSession.kernelBuilder().groupMask(1, 2, 3, 4, 5, 6, 7, 8, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..8");
        KernelStackEvent[] many = new KernelStackEvent[257];
        java.util.Arrays.fill(many, KernelStackEvent.PROCESS_START);
        assertThatThrownBy(() -> EtwSession.kernelBuilder().kernelStacks(many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> new KernelStackEvent(PROCESS_CLASS, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtwSession.attach("")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * What ETW refuses for a kind is not offered by its builder type, so it does not compile: the NT Kernel Logger
     * enables no provider, a plain session takes no kernel settings, an attached session only the hand-off settings (and
     * the real-time delivery it may add to a file-only session).
     * (Before, these combinations compiled and failed at build().)
     */
    @Test
    void builderTypesOfferOnlyWhatTheirKindTakes() {
        java.util.Set<String> kernelSettings = java.util.Set.of("kernelFlags", "groupMask", "kernelStacks");
        java.util.Set<String> startedSettings = java.util.Set.of("logFile", "realTime", "bufferSizeKb",
                "minimumBuffers", "maximumBuffers", "flushTimer", "existingSession");
        assertThat(publicMethods(KernelLoggerBuilder.class)).doesNotContain("enable")
                .containsAll(kernelSettings).containsAll(startedSettings);
        assertThat(publicMethods(SessionBuilder.class)).contains("enable").containsAll(startedSettings)
                .doesNotContainAnyElementsOf(kernelSettings);
        assertThat(publicMethods(SystemLoggerBuilder.class)).contains("enable").containsAll(kernelSettings)
                .containsAll(startedSettings);
        assertThat(publicMethods(AttachBuilder.class))
                .containsExactlyInAnyOrder("overflow", "bufferCapacity", "healthInterval", "addRealTimeIfMissing",
                        "build");
        // the hand-off settings are declared once, on the common base
        for (String m : java.util.List.of("overflow", "bufferCapacity", "healthInterval")) {
            assertThat(java.util.Arrays.stream(HandOffBuilder.class.getDeclaredMethods())
                    .filter(x -> x.getName().equals(m))).hasSize(1);
            for (Class<?> c : java.util.List.of(SessionBuilder.class, KernelLoggerBuilder.class,
                    SystemLoggerBuilder.class, AttachBuilder.class)) {
                assertThat(java.util.Arrays.stream(c.getDeclaredMethods()).map(java.lang.reflect.Method::getName))
                        .as(c.getSimpleName()).doesNotContain(m);
            }
        }
        // the factories hand out the kind's own type
        assertThat(EtwSession.kernelBuilder()).isInstanceOf(KernelLoggerBuilder.class);
        assertThat(EtwSession.attach("EventLog-System")).isInstanceOf(AttachBuilder.class);
        assertThat(EtwSession.systemLoggerBuilder("s")).isInstanceOf(SystemLoggerBuilder.class);
        assertThat(EtwSession.builder("p")).isInstanceOf(SessionBuilder.class);
    }

    private static java.util.Set<String> publicMethods(Class<?> type) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class) {
                names.add(m.getName());
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ system loggers

    @Test
    void aSystemLoggerHasAnOwnedNameTheSystemLoggerModeFlagsAndSystemProviders() {
        EtwSession session = env(EtwSession.systemLoggerBuilder("kernel"))
                .kernelFlags(KernelFlag.PROCESS, KernelFlag.REGISTRY)
                .enable(Provider.of(SystemProviders.PROCESS).matchAnyKeyword(SystemProviders.PROCESS_KW_GENERAL
                        | SystemProviders.PROCESS_KW_LOADER))
                .build();
        assertThat(session.sessionName()).isEqualTo(name("kernel"));

        session.records().subscribe().dispose();

        SessionConfig c = fake.startConfigs().get(0);
        assertThat(c.logFileMode()).isEqualTo(0x02000000 | 0x100);
        assertThat(c.enableFlags()).isEqualTo(0x1 | 0x20000);
        // a GUID of its own, never SystemTraceControlGuid; the same for the same name, another for another name
        assertThat(c.sessionGuid()).isNotNull().isNotEqualTo(SYSTEM_TRACE_CONTROL)
                .isEqualTo(SessionAssembly.sessionGuid(io.etw4j.core.internal.SessionSpec.Kind.SYSTEM_LOGGER,
                        name("kernel")))
                .isNotEqualTo(SessionAssembly.sessionGuid(io.etw4j.core.internal.SessionSpec.Kind.SYSTEM_LOGGER,
                        name("other")));
        assertThat(fake.enabledProviders()).singleElement().satisfies(p -> {
            assertThat(p.providerId()).isEqualTo(UUID.fromString("151f55dc-467d-471f-83b5-5f889d46ff66"));
            assertThat(p.matchAnyKeyword()).isEqualTo(0x1001L);
        });
        assertThat(fake.calls()).contains("STOP " + name("kernel"));
    }

    @Test
    void severalSystemLoggersRunAtOnceUnderTheirOwnNames() {
        EtwSession a = env(EtwSession.systemLoggerBuilder("a")).kernelFlags(KernelFlag.PROCESS).build();
        EtwSession b = env(EtwSession.systemLoggerBuilder("b")).kernelFlags(KernelFlag.IMAGE_LOAD).build();
        Disposable da = a.records().subscribe();
        Disposable db = b.records().subscribe();
        try {
            assertThat(fake.runningSessions()).containsExactlyInAnyOrder(name("a"), name("b"));
        } finally {
            da.dispose();
            db.dispose();
        }
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void anOrphanedSystemLoggerIsReclaimedLikeAnyEtw4jSession() {
        String orphan = SessionNames.format("kernel", 999, 5);
        fake.addSession(orphan);
        EtwSession session = env(EtwSession.systemLoggerBuilder("kernel")).kernelFlags(KernelFlag.PROCESS).build();

        session.records().subscribe().dispose();

        assertThat(fake.calls()).containsSubsequence("QUERY_ALL", "STOP " + orphan, "START " + name("kernel"));
    }

    // ------------------------------------------------------------------ attach

    @Test
    void attachConsumesARunningSessionWithoutStartingEnablingOrStoppingIt() {
        fake.addSession("EventLog-System");
        EtwSession session = env(EtwSession.attach("EventLog-System")).build();
        fake.emit(scm(1), scm(2));

        StepVerifier.create(session.records()).expectNext(scm(1), scm(2)).thenCancel().verify(WAIT);

        assertThat(fake.calls()).containsSubsequence("QUERY EventLog-System", "OPEN EventLog-System", "CLOSE 0x5001")
                .noneMatch(c -> c.startsWith("START") || c.startsWith("ENABLE") || c.startsWith("STOP")
                        || c.startsWith("QUERY_ALL"));
        assertThat(fake.runningSessions()).containsExactly("EventLog-System");
    }

    @Test
    void anAttachedRunReportsItsHealthAndAFinalReportWhenClosed() {
        fake.addSession("theirs").setCounters("theirs", 7, 2);
        EtwSession session = env(EtwSession.attach("theirs")).healthInterval(Duration.ofSeconds(1)).build();
        Disposable d = session.records().subscribe();
        time.advanceTimeBy(Duration.ofSeconds(1));
        d.dispose();
        HealthReport fin = session.health().filter(h -> h.kind() == HealthReport.Kind.FINAL).blockFirst(WAIT);
        assertThat(fin.sessionName()).isEqualTo("theirs");
        assertThat(fin.eventsLost()).as("from the last QUERY poll: attach never calls STOP").isEqualTo(7);
        assertThat(fake.count(Op.STOP)).isZero();
    }

    @Test
    void attachingToASessionThatDoesNotRunFailsWithInstanceNotFound() {
        EtwSession session = env(EtwSession.attach("nobody")).build();

        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> assertThat(((EtwCallException) e).errorCode())
                        .isEqualTo(Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND))
                .verify(WAIT);
        assertThat(fake.count(Op.OPEN)).isZero();
    }

    @Test
    void anAttachedRunCompletesWhenItsOwnerStopsTheSession() throws Exception {
        fake.addSession("theirs");
        EtwSession session = env(EtwSession.attach("theirs")).build();
        fake.emit(scm(1));
        List<EventRecord> got = new CopyOnWriteArrayList<>();
        StepVerifier.create(session.records().doOnNext(got::add))
                .then(() -> {
                    try {
                        assertThat(fake.awaitProcessing(10)).isTrue();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    fake.stopExternally("theirs");
                })
                .thenConsumeWhile(r -> true)
                .expectComplete()
                .verify(WAIT);
        assertThat(got).containsExactly(scm(1));
        assertThat(fake.count(Op.STOP)).isZero();
    }

    // ------------------------------------------------------------------ shared runs

    @Test
    void sharedEventsRunOneSessionForEverySubscriberAndStopItAfterTheLastCancel() throws Exception {
        EtwSession session = env(EtwSession.builder("shared")).enable(Provider.of(SCM)).build();
        List<EventRecord> first = new CopyOnWriteArrayList<>();
        List<EventRecord> second = new CopyOnWriteArrayList<>();
        Disposable a = session.sharedRecords().subscribe(first::add);
        Disposable b = session.sharedRecords().subscribe(second::add);
        assertThat(session.sharedRecords()).isSameAs(session.sharedRecords());
        fake.emit(scm(1), scm(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((first.size() < 2 || second.size() < 2) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first).containsExactly(scm(1), scm(2));
        assertThat(second).containsExactly(scm(1), scm(2));
        assertThat(fake.count(Op.START)).isEqualTo(1);

        a.dispose();
        assertThat(fake.count(Op.STOP)).as("one subscriber left").isZero();
        assertThat(fake.runningSessions()).containsExactly(name("shared"));
        b.dispose();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.runningSessions()).isEmpty();

        Disposable again = session.sharedRecords().subscribe();
        assertThat(fake.count(Op.START)).as("a new subscriber after the last cancel starts a new run").isEqualTo(2);
        again.dispose();
    }

    @Test
    void aColdSubscriptionWhileASharedRunIsActiveFailsLikeAnySecondSubscription() {
        EtwSession session = env(EtwSession.builder("both")).enable(Provider.of(SCM)).build();
        Disposable shared = session.sharedRecords().subscribe();
        try {
            StepVerifier.create(session.records()).expectError(EtwException.class).verify(WAIT);
        } finally {
            shared.dispose();
        }
    }

    // ------------------------------------------------------------------ capture state and filters

    @Test
    void captureStateAtStartFollowsTheEnableAndOnDemandUsesTheProvidersSettings() {
        EtwSession session = env(EtwSession.builder("rundown"))
                .enable(Provider.of(SCM).level(TraceLevel.INFORMATION).matchAnyKeyword(0x10).captureStateOnStart())
                .build();
        Disposable d = session.records().subscribe();
        try {
            assertThat(fake.calls()).containsSubsequence("ENABLE " + SCM, "CAPTURE_STATE " + SCM, "OPEN " + name(
                    "rundown"));
            session.captureState(SCM);
            assertThat(fake.capturedProviders()).hasSize(2).allSatisfy(p -> {
                assertThat(p.level()).isEqualTo(4);
                assertThat(p.matchAnyKeyword()).isEqualTo(0x10L);
            });
            assertThatThrownBy(() -> session.captureState(UUID.randomUUID()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not enabled");
        } finally {
            d.dispose();
        }
        assertThatThrownBy(() -> session.captureState(SCM)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void processAndExecutableFiltersReachTheEnableBesideTheEventIdFilter() {
        EtwSession session = env(EtwSession.builder("filters"))
                .enable(Provider.of(SCM).includeEventIds(0x28).processIds(640, 4).executableNames("services.exe",
                        "svchost.exe"))
                .build();

        session.records().subscribe().dispose();

        ProviderConfig p = fake.enabledProviders().get(0);
        assertThat(p.eventIds()).containsExactly(0x28);
        assertThat(p.processIds()).containsExactly(640, 4);
        assertThat(p.executableNames()).isEqualTo("services.exe;svchost.exe");
        assertThat(p.filterCount()).isEqualTo(3);
    }

    @Test
    void filterLimitsAreRefusedAtTheBuilderWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> Provider.of(SCM).processIds(1, 2, 3, 4, 5, 6, 7, 8, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8");
        assertThatThrownBy(() -> Provider.of(SCM).processIds(-4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provider.of(SCM).executableNames("a;b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(";");
        assertThatThrownBy(() -> Provider.of(SCM).executableNames(""))
                .isInstanceOf(IllegalArgumentException.class);
        String longName = "x".repeat(511); // (511 + 1) * 2 = 1024 bytes: the most MAX_EVENT_FILTER_DATA_SIZE allows
        assertThat(Provider.of(SCM).executableNames(longName).executableNames()).containsExactly(longName);
        assertThatThrownBy(() -> Provider.of(SCM).executableNames(longName + "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThat(Provider.of(SCM).processIds(1).processIds(new int[0]).processIds()).isEmpty();
        assertThat(Provider.of(SCM).executableNames("a.exe").executableNames()).containsExactly("a.exe");
    }

    // ------------------------------------------------------------------ recording to a file

    @Test
    void aRealTimeSessionCanAlsoRecordToASequentialFile() {
        Path file = Path.of("/captures/agent.etl");
        EtwSession session = env(EtwSession.builder("rec")).enable(Provider.of(SCM))
                .logFile(LogFile.sequential(file).maxSizeMb(100)).build();
        fake.emit(scm(1));

        StepVerifier.create(session.records()).expectNext(scm(1)).thenCancel().verify(WAIT);

        SessionConfig c = fake.startConfigs().get(0);
        assertThat(c.logFileMode()).isEqualTo(0x100 | 0x1);
        assertThat(c.logFileName()).isEqualTo(file.toString());
        assertThat(c.maximumFileSizeMb()).isEqualTo(100);
    }

    @Test
    void aFileOnlySessionOpensNoConsumerAndStopsWhenCancelled() {
        EtwSession session = env(EtwSession.kernelBuilder()).kernelFlags(KernelFlag.PROCESS)
                .logFile(LogFile.circular(Path.of("/captures/kernel.etl"), 64)).realTime(false).build();
        Disposable d = session.records().subscribe();
        assertThat(fake.runningSessions()).containsExactly(KERNEL_LOGGER);
        d.dispose();

        SessionConfig c = fake.startConfigs().get(0);
        assertThat(c.logFileMode()).isEqualTo(0x2);
        assertThat(c.maximumFileSizeMb()).isEqualTo(64);
        assertThat(fake.count(Op.OPEN)).isZero();
        assertThat(fake.count(Op.PROCESS)).isZero();
        assertThat(fake.calls()).contains("STOP " + KERNEL_LOGGER);
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void aFileOnlySessionsStatisticsComeFromControlTraceQuery() {
        EtwSession session = env(EtwSession.builder("stats")).enable(Provider.of(SCM))
                .logFile(LogFile.sequential(Path.of("/captures/s.etl"))).realTime(false).build();
        Disposable d = session.records().subscribe();
        try {
            fake.setCounters(name("stats"), 5, 0);
            assertThat(session.statistics().eventsLost()).isEqualTo(5);
            assertThat(fake.calls()).contains("QUERY " + name("stats"));
        } finally {
            d.dispose();
        }
    }

    @Test
    void aFileOnlySessionStoppedFromOutsideCompletesAtTheNextHealthPoll() {
        EtwSession session = env(EtwSession.builder("file")).enable(Provider.of(SCM))
                .logFile(LogFile.sequential(Path.of("/captures/f.etl"))).realTime(false)
                .healthInterval(Duration.ofSeconds(1)).build();

        StepVerifier.create(session.records())
                .then(() -> {
                    fake.stopExternally(name("file"));
                    time.advanceTimeBy(Duration.ofSeconds(1));
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(fake.count(Op.OPEN)).isZero();
    }

    @Test
    void logFilesCheckTheirDocumentedLimits() {
        assertThatThrownBy(() -> new LogFile(Path.of("/a.etl"), true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circular");
        assertThatThrownBy(() -> LogFile.sequential(Path.of("/a.etl")).maxSizeMb(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogFile.sequential(Path.of("/" + "d".repeat(1100) + ".etl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1023");
        assertThat(LogFile.sequential(Path.of("rel.etl")).path().isAbsolute()).isTrue();
        assertThat(LogFile.circular(Path.of("/c.etl"), 5).logFileMode()).isEqualTo(2);
    }

    @Test
    void kernelFlagMasksRoundTrip() {
        assertThat(KernelFlag.mask(List.of(KernelFlag.PROCESS, KernelFlag.FILE_IO_INIT))).isEqualTo(0x04000001);
        assertThat(KernelFlag.of(0x04000001 | 0x40000000)).containsExactlyInAnyOrder(KernelFlag.PROCESS,
                KernelFlag.FILE_IO_INIT);
    }
}
