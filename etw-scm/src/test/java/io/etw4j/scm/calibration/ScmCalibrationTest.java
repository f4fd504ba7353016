package io.etw4j.scm.calibration;

import static io.etw4j.core.testing.LeBytes.le;
import static io.etw4j.scm.calibration.CalibrationRunFixture.PID;
import static io.etw4j.scm.calibration.CalibrationRunFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.calibration.CalibrationResult.RecordStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** {@link ScmCalibration} over the synthetic run of {@link CalibrationRunFixture}. */
public class ScmCalibrationTest {
    @TempDir
    Path dir;

    private static ScmCalibration calibration() {
        return ScmCalibration.builder(PID, SERVICE).imagePath(CalibrationRunFixture.BINARY)
                .windowsBuild("10.0.22631.4037").date(LocalDate.of(2024, 6, 1))
                .acts(CalibrationRunFixture.acts()).build();
    }

    private static Map<String, CalibrationResult.LearnedEntry> byKey(CalibrationResult r) {
        return r.learned().stream().collect(Collectors.toMap(e -> e.messageId() + "@" + e.messageGuid(),
                Function.identity()));
    }

    @Test
    void learnsEveryActLayoutPinnedToItsMessageGuid() {
        CalibrationResult r = calibration().calibrate(CalibrationRunFixture.records());

        Map<String, CalibrationResult.LearnedEntry> learned = byKey(r);
        String create = "@" + CalibrationRunFixture.CREATE_FILE;
        String start = "@" + CalibrationRunFixture.START_FILE;
        assertThat(learned).containsOnlyKeys("0x28" + create, "0x0b" + create, "0x50" + create, "0x0c" + start,
                "0x0d" + start, "0x0e" + start, "0x70@" + CalibrationRunFixture.CONTROL_FILE);
        assertThat(learned.get("0x28" + create).tableLine()).isEqualTo("0x28@{" + CalibrationRunFixture.CREATE_FILE
                + "} = CREATE_SERVICE: utf16z serviceName, u32 wowType, u32 clientPid | capture | scm-calibrate on "
                + "Windows 10.0.22631.4037 (2024-06-01)");
        assertThat(learned.get("0x0b" + create).fields()).isEqualTo("utf16z serviceName, u32 clientPid");
        assertThat(learned.get("0x0b" + create).kind()).isEqualTo(ScmMessageKind.CHANGE_CONFIG);
        assertThat(learned.get("0x0c" + start).kind()).isEqualTo(ScmMessageKind.START_SERVICE);
        assertThat(learned.get("0x0d" + start).fields()).isEqualTo("utf16z serviceName, u32 error, u32 serviceExitCode");
        assertThat(learned.get("0x0d" + start).kind()).isEqualTo(ScmMessageKind.START_RESULT);
        assertThat(learned.get("0x0e" + start).fields()).isEqualTo("utf16z serviceName, utf16z clientSid");
        assertThat(learned.get("0x0e" + start).kind()).isEqualTo(ScmMessageKind.START_CLIENT_SID);
        assertThat(learned.get("0x70@" + CalibrationRunFixture.CONTROL_FILE).fields())
                .isEqualTo("u32 controlCode, utf16z serviceName, u32 clientPid, ptr context, u64 sequence");
        assertThat(learned.get("0x70@" + CalibrationRunFixture.CONTROL_FILE).kind())
                .isEqualTo(ScmMessageKind.CONTROL_SERVICE);
        assertThat(learned.get("0x50" + create).fields()).isEqualTo("utf16z serviceName, u32 error, u32 clientPid");
        assertThat(learned.get("0x50" + create).kind()).isEqualTo(ScmMessageKind.DELETE_SERVICE);
        assertThat(learned.get("0x50" + create).act()).isEqualTo(CalibrationAct.Kind.DELETE);
        assertThat(r.learnedKind(ScmMessageKind.CREATE_SERVICE)).isTrue();
        // the shipped layouts tagged with a file identify its GUID
        assertThat(r.report().fileGuids()).containsEntry("119db94a", CalibrationRunFixture.CREATE_FILE)
                .containsEntry("91aecf8c", CalibrationRunFixture.START_FILE)
                .containsEntry("a8d36da9", CalibrationRunFixture.CONTROL_FILE);
    }

    @Test
    void theWrittenTableDecodesTheRunIntoTypedEventsOfThisProcessWithCaptureEvidence() throws Exception {
        CalibrationResult r = calibration().calibrate(CalibrationRunFixture.records());
        Path table = Files.writeString(dir.resolve("calibrated.properties"), r.tableText());

        List<ScmEvent> events = ScmMonitor.builder().messageTable(table).minimumEvidence(Evidence.CAPTURE)
                .from(Flux.fromIterable(CalibrationRunFixture.records())).events().collectList().block();

        assertCalibratedEvents(events);
    }

    /** The typed events the fixture's records give with a table calibrated on them. */
    public static void assertCalibratedEvents(List<ScmEvent> events) {
        List<ServiceCreated> created = only(events, ServiceCreated.class).stream()
                .filter(c -> c.serviceName().equals(SERVICE)).toList();
        assertThat(created).extracting(c -> c.client().pid()).containsExactlyInAnyOrder(PID,
                CalibrationRunFixture.OTHER_PID);
        ServiceCreated mine = created.stream().filter(c -> c.client().pid() == PID).findFirst().orElseThrow();
        assertThat(mine.evidence()).isEqualTo(Evidence.CAPTURE);
        assertThat(mine.wowType()).hasValue(0);
        assertThat(mine.source().providerId()).isEqualTo(CalibrationRunFixture.CREATE_FILE);
        ServiceConfigChanged changed = single(events, ServiceConfigChanged.class);
        assertThat(changed.client().pid()).isEqualTo(PID);
        assertThat(changed.evidence()).isEqualTo(Evidence.CAPTURE);
        List<ServiceStarted> started = only(events, ServiceStarted.class);
        assertThat(started).isNotEmpty().allSatisfy(s -> {
            assertThat(s.client().pid()).isEqualTo(PID);
            assertThat(s.evidence()).isEqualTo(Evidence.CAPTURE);
        });
        ServiceControlSent control = single(events, ServiceControlSent.class);
        assertThat(control.client().pid()).isEqualTo(PID);
        assertThat(control.control()).isEqualTo(CalibrationRunFixture.INTERROGATE);
        assertThat(control.evidence()).isEqualTo(Evidence.CAPTURE);
        ServiceDeleted deleted = single(events, ServiceDeleted.class);
        assertThat(deleted.client().pid()).isEqualTo(PID);
        assertThat(deleted.error()).hasValue(0);
        assertThat(deleted.evidence()).isEqualTo(Evidence.CAPTURE);
        assertThat(only(events, ServiceStartResult.class)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.evidence()).isEqualTo(Evidence.CAPTURE));
    }

    @Test
    void reportsEveryActTheUnexplainedRecordsAndTheSilentAct() {
        CalibrationResult.Report report = calibration().calibrate(CalibrationRunFixture.records()).report();

        assertThat(report.acts()).extracting(CalibrationResult.ActReport::kind).containsExactly(CalibrationAct.Kind.CREATE,
                CalibrationAct.Kind.CHANGE_CONFIG, CalibrationAct.Kind.CHANGE_CONFIG2, CalibrationAct.Kind.START,
                CalibrationAct.Kind.CONTROL, CalibrationAct.Kind.DELETE);
        assertThat(report.acts()).extracting(CalibrationResult.ActReport::records).containsExactly(1, 1, 0, 3, 1, 1);
        assertThat(report.acts().get(4).controlCode()).isEqualTo(CalibrationRunFixture.INTERROGATE);
        assertThat(report.actsThatLoggedNothing())
                .containsExactly(new CalibrationResult.ActRef(2, CalibrationAct.Kind.CHANGE_CONFIG2));
        assertThat(report.actsThatLoggedNothing().get(0)).hasToString("2 CHANGE_CONFIG2");
        assertThat(report.unexplained().get(0).act())
                .isEqualTo(new CalibrationResult.ActRef(0, CalibrationAct.Kind.CREATE));
        assertThat(report.records()).hasSize(CalibrationRunFixture.messages().size());
        assertThat(report.records().get(1).payloadHex()).isEqualTo(java.util.HexFormat.of()
                .formatHex(CalibrationRunFixture.messages().get(1).payload()));
        assertThat(report.records()).extracting(CalibrationResult.RecordReport::status).containsExactly(
                RecordStatus.UNRELATED, RecordStatus.LEARNED, RecordStatus.NOT_LEARNED, RecordStatus.UNRELATED,
                RecordStatus.LEARNED, RecordStatus.LEARNED, RecordStatus.LEARNED, RecordStatus.LEARNED,
                RecordStatus.LEARNED, RecordStatus.LEARNED, RecordStatus.OUTSIDE_ACTS);
        assertThat(report.unexplained()).extracting(CalibrationResult.RecordReport::index).containsExactly(2, 10);
        assertThat(report.unexplained().get(0).reason()).contains("7000").contains("not this process's");
        assertThat(report.unexplained().get(1).reason()).contains("outside every act window");
        assertThat(report.clientPid()).isEqualTo(PID);
        assertThat(report.windowsBuild()).isEqualTo("10.0.22631.4037");
    }

    @Test
    void aRecordOfAnotherProcessIsNeverLearnedEvenAloneUnderItsNumber() {
        List<EventRecord> records = new ArrayList<>();
        records.add(CalibrationRunFixture.records().get(2)); // 0x28 naming the service with PID 7000

        CalibrationResult r = calibration().calibrate(records);

        assertThat(r.learned()).isEmpty();
        assertThat(r.report().unexplained()).hasSize(1);
        assertThat(r.report().actsThatLoggedNothing()).hasSize(6);
    }

    @Test
    void anUnknownNumberIsInferredFromThePayloadAndTheRunsFacts() {
        UUID guid = UUID.randomUUID();
        List<EventRecord> records = List.of(
                wpp(guid, 0x61, 6050, le().utf16z(SERVICE).u32(0).u32(PID).bytes()),
                wpp(guid, 0x62, 1040, le().utf16z(SERVICE).utf16z(CalibrationRunFixture.BINARY).u32(0x8664)
                        .u32(PID).bytes()),
                wpp(guid, 0x63, 5040, le().u32(CalibrationRunFixture.INTERROGATE).utf16z(SERVICE).u32(PID)
                        .u64(CalibrationRunFixture.CONTEXT).u64(9).bytes()),
                wpp(guid, 0x64, 4030, le().utf16z(SERVICE).utf16z("some words").u32(1053).u16(3).bytes()));

        Map<String, CalibrationResult.LearnedEntry> learned = byKey(calibration().calibrate(records));

        assertThat(learned.get("0x61@" + guid).fields()).isEqualTo("utf16z serviceName, u32 error, u32 clientPid");
        assertThat(learned.get("0x61@" + guid).kind()).isEqualTo(ScmMessageKind.DELETE_SERVICE);
        assertThat(learned.get("0x61@" + guid).origin()).isEqualTo("inferred");
        assertThat(learned.get("0x62@" + guid).fields())
                .isEqualTo("utf16z serviceName, utf16z imagePath, u32 wowType, u32 clientPid");
        assertThat(learned.get("0x62@" + guid).kind()).isEqualTo(ScmMessageKind.CREATE_SERVICE);
        assertThat(learned.get("0x63@" + guid).fields())
                .isEqualTo("u32 controlCode, utf16z serviceName, u32 clientPid, ptr context, u64 sequence");
        assertThat(learned.get("0x63@" + guid).kind()).isEqualTo(ScmMessageKind.CONTROL_SERVICE);
        assertThat(learned.get("0x64@" + guid).fields())
                .isEqualTo("utf16z serviceName, utf16z text1, u32 error, u16 value1");
        assertThat(learned.get("0x64@" + guid).kind()).isEqualTo(ScmMessageKind.DIAGNOSTIC);
    }

    @Test
    void oneNumberReadWithTwoLayoutsIsNotLearned() {
        UUID guid = UUID.randomUUID();
        List<EventRecord> records = List.of(
                wpp(guid, 0x61, 1050, le().utf16z(SERVICE).u32(PID).bytes()),
                wpp(guid, 0x61, 6050, le().utf16z(SERVICE).u32(PID).bytes()));

        CalibrationResult r = calibration().calibrate(records);

        assertThat(r.learned()).isEmpty();
        assertThat(r.report().unexplained()).hasSize(2)
                .allSatisfy(u -> assertThat(u.reason()).contains("2 layouts"));
    }

    @Test
    void aRecordInTwoWidenedWindowsIsAmbiguous() {
        ScmCalibration c = ScmCalibration.builder(PID, SERVICE).acts(List.of(
                CalibrationAct.of(CalibrationAct.Kind.CREATE, CalibrationRunFixture.at(0), CalibrationRunFixture.at(100), 0),
                CalibrationAct.of(CalibrationAct.Kind.DELETE, CalibrationRunFixture.at(300), CalibrationRunFixture.at(400),
                        0))).build();

        CalibrationResult r = c.calibrate(List.of(wpp(UUID.randomUUID(), 0x28, 200,
                le().utf16z(SERVICE).u32(0).u32(PID).bytes())));

        assertThat(r.learned()).isEmpty();
        assertThat(r.report().records().get(0).status()).isEqualTo(RecordStatus.AMBIGUOUS);
    }

    @Test
    void neverThrowsOnOddRecords() {
        Random random = new Random(42);
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] p = new byte[random.nextInt(64)];
            random.nextBytes(p);
            byte[] name = le().utf16z(SERVICE).bytes();
            if (i % 2 == 0 && p.length > 0) {
                byte[] q = new byte[p.length + name.length];
                int at = random.nextInt(p.length);
                System.arraycopy(p, 0, q, 0, at);
                System.arraycopy(name, 0, q, at, name.length);
                System.arraycopy(p, at, q, at + name.length, p.length - at);
                p = q;
            }
            records.add(wpp(UUID.randomUUID(), random.nextInt(0x100), 1000 + random.nextInt(6000), p));
        }

        CalibrationResult r = calibration().calibrate(records);

        assertThat(r.report().records()).hasSize(2000);
        // whatever it learned must load as a table
        assertThat(io.etw4j.scm.internal.wpp.MessageTable.of("fuzz", r.tableText().lines().toList()).entries())
                .hasSize(r.learned().size());
    }

    private static EventRecord wpp(UUID guid, int id, long atMillis, byte[] payload) {
        return CalibrationRunFixture.record(new CalibrationRunFixture.Message(guid, id, atMillis, 1, payload));
    }

    private static <T extends ScmEvent> List<T> only(List<ScmEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends ScmEvent> T single(List<ScmEvent> events, Class<T> type) {
        List<T> found = only(events, type);
        assertThat(found).as(type.getSimpleName() + " in " + events).hasSize(1);
        return found.get(0);
    }
}
