package io.etw4j.scm.calibration;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.SyntheticEtl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture: a synthetic calibration run, built from the shipped table's current-build layouts (public
 * decompilation) under made-up message GUIDs, one per services.exe source file. Not a capture from a host.
 *
 * <p>Timeline (ms after {@link #START}): CREATE 1000-1100, CHANGE_CONFIG 2000-2100, CHANGE_CONFIG2 3000-3100 (logs
 * nothing), START 4000-4100 (result 1053), CONTROL 5000-5100 (INTERROGATE, result 1062), DELETE 6000-6100. Records:
 * 0x28 (S, L wowType 0, d PID) at 1050; another process's 0x28 naming the same service at 1060; a create of another
 * service at 1070; 0x0b (S, d) at 2050; 0x0c (S, d) at 4020; 0x0d (S, L 1053, d 0) at 4060; 0x0e (S, S SID) at 4070;
 * 0x70 (L 4, S, L PID, q, i) at 5050; 0x50 (S, d 0, L PID) at 6050; a 0x0c with the PID at 8000 (outside every act);
 * an unrelated WPP record at 500.
 */
public final class CalibrationRunFixture {
    public static final Instant START = Instant.parse("2024-06-01T09:00:00Z");
    /** The calibrating process (a multiple of 4, as Windows PIDs are). */
    public static final int PID = 5124;
    public static final int OTHER_PID = 7000;
    public static final int SERVICES_EXE = 688;
    public static final String SERVICE = "etw4j-calib-0a1b2c3d";
    public static final String BINARY = "C:\\Windows\\System32\\cmd.exe /c exit 0";
    public static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1001";
    public static final int INTERROGATE = 4;
    public static final int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    public static final int ERROR_SERVICE_NOT_ACTIVE = 1062;
    /** Made-up message GUIDs of the source files 119db94a (create, config, delete), 91aecf8c (start), a8d36da9. */
    public static final UUID CREATE_FILE = UUID.fromString("0c0ffee0-0000-4000-8000-119db94a0001");
    public static final UUID START_FILE = UUID.fromString("0c0ffee0-0000-4000-8000-91aecf8c0002");
    public static final UUID CONTROL_FILE = UUID.fromString("0c0ffee0-0000-4000-8000-a8d36da90003");
    public static final UUID UNRELATED_FILE = UUID.fromString("0c0ffee0-0000-4000-8000-0000000000ff");
    public static final long CONTEXT = 0x0000_01D2_C0FF_EE00L;

    private CalibrationRunFixture() {
    }

    /** One WPP message of the run. */
    public record Message(UUID guid, int id, long atMillis, int threadId, byte[] payload) {
        public Instant timestamp() {
            return at(atMillis);
        }
    }

    public static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    /** The acts, in order. */
    public static List<CalibrationAct> acts() {
        return List.of(
                CalibrationAct.of(CalibrationAct.Kind.CREATE, at(1000), at(1100), 0),
                CalibrationAct.of(CalibrationAct.Kind.CHANGE_CONFIG, at(2000), at(2100), 0),
                CalibrationAct.of(CalibrationAct.Kind.CHANGE_CONFIG2, at(3000), at(3100), 0),
                CalibrationAct.of(CalibrationAct.Kind.START, at(4000), at(4100), ERROR_SERVICE_REQUEST_TIMEOUT),
                CalibrationAct.control(at(5000), at(5100), ERROR_SERVICE_NOT_ACTIVE, INTERROGATE),
                CalibrationAct.of(CalibrationAct.Kind.DELETE, at(6000), at(6100), 0));
    }

    /** The messages, in time order. */
    public static List<Message> messages() {
        List<Message> m = new ArrayList<>();
        m.add(new Message(UNRELATED_FILE, 0x33, 500, 900, le().u32(17).utf16z("somethingelse").bytes()));
        m.add(new Message(CREATE_FILE, 0x28, 1050, 901, le().utf16z(SERVICE).u32(0).u32(PID).bytes()));
        m.add(new Message(CREATE_FILE, 0x28, 1060, 902, le().utf16z(SERVICE).u32(0).u32(OTHER_PID).bytes()));
        m.add(new Message(CREATE_FILE, 0x28, 1070, 903, le().utf16z("othersvc").u32(0).u32(OTHER_PID).bytes()));
        m.add(new Message(CREATE_FILE, 0x0b, 2050, 904, le().utf16z(SERVICE).u32(PID).bytes()));
        m.add(new Message(START_FILE, 0x0c, 4020, 905, le().utf16z(SERVICE).u32(PID).bytes()));
        m.add(new Message(START_FILE, 0x0d, 4060, 905,
                le().utf16z(SERVICE).u32(ERROR_SERVICE_REQUEST_TIMEOUT).u32(0).bytes()));
        m.add(new Message(START_FILE, 0x0e, 4070, 905, le().utf16z(SERVICE).utf16z(SID).bytes()));
        m.add(new Message(CONTROL_FILE, 0x70, 5050, 906,
                le().u32(INTERROGATE).utf16z(SERVICE).u32(PID).u64(CONTEXT).u64(7).bytes()));
        m.add(new Message(CREATE_FILE, 0x50, 6050, 907, le().utf16z(SERVICE).u32(0).u32(PID).bytes()));
        m.add(new Message(START_FILE, 0x0c, 8000, 908, le().utf16z(SERVICE).u32(PID).bytes()));
        return m;
    }

    /** The messages as live WPP records of a 64-bit services.exe. */
    public static List<EventRecord> records() {
        return messages().stream().map(CalibrationRunFixture::record).toList();
    }

    public static EventRecord record(Message m) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(m.guid())
                .descriptor(EventDescriptor.ofId(m.id()))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(SERVICES_EXE)
                .threadId(m.threadId())
                .timestamp(m.timestamp())
                .payload(m.payload())
                .build();
    }

    /** The run as an .etl image: 64-bit logger, QPC clock at 10 MHz, one buffer. */
    public static byte[] etl() {
        long startQpc = 1_000_000_000L;
        long perfFreq = 10_000_000L;
        SyntheticEtl etl = new SyntheticEtl().loggerName("etw4j-scm-calibrate").startQpc(startQpc).perfFreq(perfFreq)
                .startTime(START).bootTime(START.minus(Duration.ofHours(2))).providerVersion(22631);
        int seq = 1;
        for (Message m : messages()) {
            long qpc = startQpc + m.atMillis() * perfFreq / 1000;
            int s = seq++;
            etl.message(x -> x.guid(m.guid()).number(m.id()).sequence(s).timestamp(qpc)
                    .systemInfo(SERVICES_EXE, m.threadId()).payload(m.payload()));
        }
        return etl.build();
    }
}
