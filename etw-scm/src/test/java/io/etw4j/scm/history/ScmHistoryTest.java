package io.etw4j.scm.history;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScmHistory} over a copied {@code LogFiles\Scm} folder of three boots built byte by byte ({@link ScmEvmFile}):
 * an older build with the published article's 0x28 layout, a boot whose circular file wrapped (current layouts), and
 * the current boot. Each boot has its own message GUIDs (they belong to services.exe's build), and PID 5124 is a
 * client in every boot: a different process each time.
 */
class ScmHistoryTest {
    static final int PID = 5124;
    static final Instant BOOT_OLD = Instant.parse("2024-05-01T08:00:00Z");
    static final Instant BOOT_MID = Instant.parse("2024-05-02T08:00:00Z");
    static final Instant BOOT_NEW = Instant.parse("2024-05-03T08:00:00Z");

    @TempDir
    Path dir;

    ScmEvmFile old;
    ScmEvmFile mid;
    ScmEvmFile current;

    /** A stand-in message GUID of {@code file} (8 hex digits of its WPP symbol) in the build of {@code boot}. */
    static UUID guid(String file, int boot) {
        return UUID.fromString(file + "-0000-4000-8000-00000000000" + boot);
    }

    static byte[] createCurrent(String name, int pid) {
        return le().utf16z(name).u32(0).u32(pid).bytes(); // WPP_SF_SLd(40): name, WOW type, PID
    }

    static byte[] control(int code, String name, int pid) {
        return le().u32(code).utf16z(name).u32(pid).u64(0xFFFF_A000_1234_0000L).u64(77).bytes();
    }

    @BeforeEach
    void writeFolder() throws Exception {
        // An older build: the published article's layout (name, PID, image path) under its own GUID.
        old = new ScmEvmFile(BOOT_OLD, Duration.ofSeconds(20)).ringBuffersWritten(5);
        UUID oldCreate = guid("41046368", 1);
        old.wpp(1, 0, oldCreate, 0x28, 900, le().utf16z("oldsvc").u32(PID).utf16z("C:\\drv\\old.sys").bytes());
        old.wpp(3, 0, oldCreate, 0x28, 900, le().utf16z("othersvc").u32(6000).utf16z("C:\\drv\\o.sys").bytes());

        // A boot that wrote 49 ring buffers into 39 slots: buffers 0..9 are overwritten.
        mid = new ScmEvmFile(BOOT_MID, Duration.ofSeconds(25)).ringBuffersWritten(49);
        UUID create = guid("119db94a", 2);
        UUID start = guid("91aecf8c", 2);
        UUID ctl = guid("a8d36da9", 2);
        mid.wpp(9, 0, create, 0x28, 900, createCurrent("lostsvc", 1111)); // overwritten by the wrap
        mid.wpp(10, 0, start, 0x0d, 904, le().utf16z("oldstart").u32(0).u32(0).bytes()); // its 0x0c is lost
        mid.wpp(20, 0, create, 0x28, 900, createCurrent("midsvc", PID));
        mid.wpp(38, 0, start, 0x0c, 904, le().utf16z("midsvc").u32(PID).bytes()); // last slot, before the wrap
        mid.wpp(38, 1, start, 0x0d, 904, le().utf16z("midsvc").u32(0).u32(0).bytes());
        mid.wpp(39, 0, ctl, 0x73, 908, control(1, "midsvc", PID)); // first slot, after the wrap
        mid.wpp(48, 0, create, 0x28, 900, createCurrent("lastsvc", 7000));

        current = new ScmEvmFile(BOOT_NEW, Duration.ofSeconds(22)).ringBuffersWritten(3);
        current.wpp(1, 0, guid("119db94a", 3), 0x28, 900, createCurrent("newsvc", PID));
        current.wpp(2, 0, guid("a8d36da9", 3), 0x73, 908, control(4, "newsvc", PID));

        // Rotation reuses the oldest slot, so the suffixes need not follow age: here .1 is the oldest boot.
        Files.write(dir.resolve("SCM.EVM.1"), old.build());
        Files.write(dir.resolve("SCM.EVM.2"), mid.build());
        Files.write(dir.resolve("SCM.EVM"), current.build());
        Files.writeString(dir.resolve("readme.txt"), "not a trace");
    }

    /** The typed acts of one boot as "Type service pid", in emission order. */
    static List<String> acts(List<HistoryEvent> events, int boot) {
        List<String> out = new ArrayList<>();
        for (HistoryEvent e : events) {
            if (e.boot().index() == boot && e instanceof HistoryScmEvent s) {
                out.add(describe(s.event()));
            }
        }
        return out;
    }

    static String describe(ScmEvent e) {
        String name = e instanceof ServiceCreated c ? c.serviceName()
                : e instanceof ServiceStarted s ? s.serviceName()
                : e instanceof ServiceStartResult r ? r.serviceName()
                : e instanceof ServiceControlSent c ? c.serviceName() : "?";
        return e.getClass().getSimpleName() + " " + name + " " + e.client().pid();
    }

    @Test
    void aFolderIsReadOneBootPerFileOldestFirstEveryActOnceWithItsPidInTimeOrder() {
        ScmHistory history = ScmHistory.open(List.of(dir));

        assertThat(history.boots()).extracting(ScmBoot::fileName).containsExactly("SCM.EVM.1", "SCM.EVM.2", "SCM.EVM");
        assertThat(history.boots()).extracting(ScmBoot::bootTime).containsExactly(BOOT_OLD, BOOT_MID, BOOT_NEW);
        assertThat(history.boots().get(1).startTime()).isEqualTo(mid.start());
        List<HistoryEvent> events = history.events().collectList().block();

        assertThat(acts(events, 0)).containsExactly("ServiceCreated oldsvc 5124", "ServiceCreated othersvc 6000");
        assertThat(acts(events, 1)).as("buffers 0..9 were overwritten; acts on both sides of the wrap").containsExactly(
                "ServiceStartResult oldstart -1", // its request (0x0c) is overwritten: no client
                "ServiceCreated midsvc 5124",
                "ServiceStarted midsvc 5124",
                "ServiceStartResult midsvc 5124",
                "ServiceControlSent midsvc 5124",
                "ServiceCreated lastsvc 7000");
        assertThat(acts(events, 2)).containsExactly("ServiceCreated newsvc 5124", "ServiceControlSent newsvc 5124");
        assertThat(events).filteredOn(e -> e instanceof HistoryScmEvent s && s.event() instanceof UnknownScmMessage)
                .isEmpty();

        ServiceCreated published = (ServiceCreated) ((HistoryScmEvent) events.stream()
                .filter(HistoryScmEvent.class::isInstance).findFirst().orElseThrow()).event();
        assertThat(published.imagePath().map(ServiceImagePath::path)).contains("C:\\drv\\old.sys");
        assertThat(published.timestamp()).isEqualTo(old.at(1, 0));

        for (int b = 0; b < 3; b++) {
            int boot = b;
            List<Instant> times = events.stream().filter(e -> e.boot().index() == boot).map(HistoryEvent::timestamp)
                    .toList();
            assertThat(times).as("boot %d in time order", b).isSorted();
        }
        assertThat(events).extracting(e -> e.boot().index()).isSorted();
    }

    @Test
    void nothingIsAttributedAcrossBoots() {
        List<HistoryEvent> events = ScmHistory.open(List.of(dir)).events().collectList().block();

        Map<String, List<String>> servicesOfPidByFile = events.stream()
                .filter(e -> e instanceof HistoryScmEvent s && s.event().client().pid() == PID)
                .map(HistoryScmEvent.class::cast)
                .collect(Collectors.groupingBy(s -> s.boot().fileName(),
                        Collectors.mapping(s -> describe(s.event()).split(" ")[1], Collectors.toList())));
        assertThat(servicesOfPidByFile).containsOnlyKeys("SCM.EVM.1", "SCM.EVM.2", "SCM.EVM");
        assertThat(servicesOfPidByFile.get("SCM.EVM.1")).containsOnly("oldsvc");
        assertThat(servicesOfPidByFile.get("SCM.EVM.2")).containsOnly("midsvc");
        assertThat(servicesOfPidByFile.get("SCM.EVM")).containsOnly("newsvc");
        for (HistoryEvent e : events) {
            assertThat(e.boot().file()).isEqualTo(dir.resolve(e.boot().fileName()));
            if (e instanceof HistoryScmEvent s && s.event().client().pid() > 0) {
                assertThat(s.event().client().resolution()).as("no process information, no live lookup")
                        .isEqualTo(ClientProcess.Resolution.PID_ONLY);
                assertThat(s.timestamp()).isAfterOrEqualTo(e.boot().startTime())
                        .isBefore(e.boot().startTime().plus(Duration.ofMinutes(1)));
            }
        }
    }

    @Test
    void theSummarySaysWhatEachBootHoldsAndThatTheWrappedFileLostItsFirstBuffers() {
        ScmHistory history = ScmHistory.open(List.of(dir));
        assertThat(history.summaries()).as("before any read").isEmpty();
        history.events().blockLast();

        List<BootSummary> s = history.summaries();
        assertThat(s).extracting(x -> x.boot().fileName()).containsExactly("SCM.EVM.1", "SCM.EVM.2", "SCM.EVM");
        BootSummary wrapped = s.get(1);
        assertThat(wrapped.eventsByType()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "ServiceControlSent", 1L, "ServiceCreated", 2L, "ServiceStartResult", 2L, "ServiceStarted", 1L)));
        assertThat(wrapped.clientPids()).containsExactly(PID, 7000);
        assertThat(wrapped.otherRecords()).as("one TraceLogging record per surviving buffer")
                .isEqualTo(ScmEvmFile.RING_SLOTS);
        BootCoverage c = wrapped.coverage();
        assertThat(c.circular()).isTrue();
        assertThat(c.buffersWritten()).isEqualTo(50);
        assertThat(c.capacityBuffers()).isEqualTo(40);
        assertThat(c.buffersAboveCapacity()).isTrue();
        assertThat(c.timestampsGoBack()).isTrue();
        assertThat(c.wrapped()).isTrue();
        assertThat(c.firstEvent()).contains(mid.at(10, 0));
        assertThat(c.lastEvent()).contains(mid.at(48, 900));
        assertThat(c.notCovered()).isEqualTo(Duration.ofSeconds(11));
        assertThat(wrapped.reader().damaged()).isFalse();
        assertThat(wrapped.describe()).contains("SCM.EVM.2", "wrapped", "PT11S", "[5124, 7000]");

        for (BootSummary other : List.of(s.get(0), s.get(2))) {
            assertThat(other.coverage().circular()).isTrue();
            assertThat(other.coverage().wrapped()).isFalse();
            assertThat(other.coverage().timestampsGoBack()).isFalse();
            assertThat(other.describe()).contains("not wrapped");
        }
        assertThat(s.get(0).clientPids()).containsExactly(PID, 6000);
        assertThat(s.get(2).eventsByType()).containsOnlyKeys("ServiceControlSent", "ServiceCreated");
    }

    @Test
    void theScmSessionsTraceLoggingRecordsAreDecodedWithTheirOwnMetadataNotDropped() {
        List<HistoryOtherRecord> other = ScmHistory.open(List.of(dir.resolve("SCM.EVM.2"))).events()
                .ofType(HistoryOtherRecord.class).collectList().block();

        assertThat(other).hasSize(ScmEvmFile.RING_SLOTS).allSatisfy(o -> {
            assertThat(o.fromScmTraceLogging()).isTrue();
            assertThat(o.eventName()).contains("BufferMark");
            assertThat(o.providerName()).contains(ScmEvmFile.TL_PROVIDER_NAME);
            assertThat(o.problems()).isEmpty();
        });
        assertThat(other).extracting(o -> ((Number) o.fields().get("ring")).intValue())
                .as("oldest surviving buffer first").containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(10, 48).boxed().toList());
        assertThat(other.get(0).fields().get("note")).isEqualTo("ring buffer 10");
    }

    @Test
    void singleFilesAreReadOnceEachAndABadInputIsAnError() throws Exception {
        Path f = dir.resolve("SCM.EVM");
        ScmHistory h = ScmHistory.open(List.of(f, f, dir.resolve("./SCM.EVM")));
        assertThat(h.boots()).hasSize(1);
        assertThat(h.boots().get(0).index()).isZero();

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> ScmHistory.open(List.of(empty))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SCM.EVM");
        assertThatThrownBy(() -> ScmHistory.open(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScmHistory.open(List.of(dir.resolve("readme.txt"))))
                .isInstanceOf(io.etw4j.core.etl.EtlFormatException.class);
    }

    @Test
    void aReadOnANonBlockingThreadNeitherBlocksNorFailsAndEachSubscriptionReadsAnew() {
        ScmHistory history = ScmHistory.open(List.of(dir));
        List<HistoryEvent> first = history.events().collectList().block();

        List<HistoryEvent> onParallel = history.events().subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                .collectList().block(Duration.ofMinutes(1));

        assertThat(onParallel).hasSameSizeAs(first);
        assertThat(history.summaries()).hasSize(3);
        assertThat(onParallel).extracting(HistoryEvent::timestamp)
                .containsExactlyElementsOf(first.stream().map(HistoryEvent::timestamp).toList());
    }
}
