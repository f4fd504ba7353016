package io.etw4j.scm.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.PropertySchema;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.services.ServicesRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * etw-scm's shipped manifests declare exactly the published field lists (names, order, in-types), copied here
 * verbatim from the public sources their header comments cite, and nothing else: an undeclared version has no
 * schema and its record stays undecodable, never read as a prefix of a declared one.
 */
class ShippedManifestsTest {
    private static final UUID SERVICES = ServicesProvider.GUID;
    private static final UUID KERNEL = KernelProcessProvider.GUID;
    private final ShippedManifests manifests = ShippedManifests.shared();

    /** jdu2600/Windows10EtwEvents manifest/Microsoft-Windows-Services.tsv, column "event(fields)", version 0. */
    private static final String[][] SERVICES_TSV = {
        {"105", "ServiceStatusChange(UInt32 ExecutionPhase, UInt32 CurrentState, UInt32 StartType, UInt32 PID, "
                + "UnicodeString ServiceName, UnicodeString ImageName)"},
        {"200", "SendControl(UnicodeString ServiceName, UnicodeString DisplayName, UInt32 ControlCode, "
                + "UInt64 ClientProcessStartKey, UInt32 ClientProcessId, UInt32 ParentProcessId)"},
        {"201", "ServiceConfigChange(UnicodeString ServiceName, UInt32 NewStartType, UInt64 ClientProcessStartKey, "
                + "UInt32 ClientProcessId, UInt32 ParentProcessId)"},
        {"202", "ServiceConfigChange202(UnicodeString ServiceName, UnicodeString NewValueName, "
                + "UInt64 ClientProcessStartKey, UInt32 ClientProcessId, UInt32 ParentProcessId)"},
        {"203", "ServiceConfigChange203(UnicodeString ServiceName, UnicodeString NewValueName, "
                + "UInt64 ClientProcessStartKey, UInt32 ClientProcessId, UInt32 ParentProcessId)"},
        {"204", "ServiceStart(UnicodeString ServiceName, UnicodeString ServiceHostName, UInt64 ClientProcessStartKey, "
                + "UInt32 ClientProcessId, UInt32 ParentProcessId)"},
        {"205", "ServiceStart205(UnicodeString ServiceName, UnicodeString LoadOrderGroup, UnicodeString SvchostGroup, "
                + "Boolean IsCritical, Boolean IsUserService, Boolean IsOwnProcess, UInt64 ClientProcessStartKey, "
                + "UInt32 ClientProcessId, UInt32 ParentProcessId)"},
    };

    private static final String START_V2 = "UInt32 ProcessID, FILETIME CreateTime, UInt32 ParentProcessID, "
            + "UInt32 SessionID, UInt32 Flags, UnicodeString ImageName, UInt32 ImageChecksum, UInt32 TimeDateStamp, "
            + "UnicodeString PackageFullName, UnicodeString PackageRelativeAppId";
    /** OTRF/OSSEM event-1_v3.md and event-15_v1.md (the same list). */
    private static final String START_V3 = "UInt32 ProcessID, UInt64 ProcessSequenceNumber, FILETIME CreateTime, "
            + "UInt32 ParentProcessID, UInt64 ParentProcessSequenceNumber, UInt32 SessionID, UInt32 Flags, "
            + "UInt32 ProcessTokenElevationType, UInt32 ProcessTokenIsElevated, SID MandatoryLabel, "
            + "UnicodeString ImageName, UInt32 ImageChecksum, UInt32 TimeDateStamp, UnicodeString PackageFullName, "
            + "UnicodeString PackageRelativeAppId";
    /** Template ProcessStartArgs_V4 as rabbitstack/fibratus quotes it. */
    private static final String START_V4 = START_V3 + ", UInt32 SecurityMitigations";
    /** Unconfirmed (no public dump found): the layout the earlier hand-written decoder read. */
    private static final String START_V5 = START_V4 + ", UInt32 PartitionID, UInt16 ProcessMachine";
    private static final String STOP_V1_TAIL = "UInt32 ExitCode, UInt32 TokenElevationType, UInt32 HandleCount, "
            + "UInt64 CommitCharge, UInt64 CommitPeak, UInt64 CPUCycleCount, UInt32 ReadOperationCount, "
            + "UInt32 WriteOperationCount, UInt32 ReadTransferKiloBytes, UInt32 WriteTransferKiloBytes, "
            + "UInt32 HardFaultCount, AnsiString ImageName";

    /** Kernel-Process: {id, version, field list}; jdu2600 tsv unless noted above. */
    private static final Object[][] KERNEL_LISTS = {
        {1, 0, "UInt32 ProcessID, FILETIME CreateTime, UInt32 ParentProcessID, UInt32 SessionID, "
                + "UnicodeString ImageName"},
        {1, 1, "UInt32 ProcessID, FILETIME CreateTime, UInt32 ParentProcessID, UInt32 SessionID, UInt32 Flags, "
                + "UnicodeString ImageName"},
        {1, 2, START_V2},
        {1, 3, START_V3},
        {1, 4, START_V4},
        {1, 5, START_V5},
        {2, 0, "UInt32 ProcessID, FILETIME CreateTime, FILETIME ExitTime, UInt32 ExitCode, "
                + "UInt32 TokenElevationType, UInt32 HandleCount, UInt64 CommitCharge, UInt64 CommitPeak, "
                + "AnsiString ImageName"},
        {2, 1, "UInt32 ProcessID, FILETIME CreateTime, FILETIME ExitTime, " + STOP_V1_TAIL},
        // OTRF/OSSEM event-2_v2.md
        {2, 2, "UInt32 ProcessID, UInt64 ProcessSequenceNumber, FILETIME CreateTime, FILETIME ExitTime, "
                + STOP_V1_TAIL},
        {5, 0, "Pointer ImageBase, Pointer ImageSize, UInt32 ProcessID, UInt32 ImageCheckSum, UInt32 TimeDateStamp, "
                + "Pointer DefaultBase, UnicodeString ImageName"},
        {15, 0, START_V2},
        {15, 1, START_V3},
        {15, 2, START_V4},
        {15, 3, START_V5},
    };

    @Test
    void servicesManifestDeclaresThePublishedFieldLists() {
        for (String[] row : SERVICES_TSV) {
            String fields = row[1].substring(row[1].indexOf('(') + 1, row[1].length() - 1);
            assertThat(layout(SERVICES, Integer.parseInt(row[0]), 0)).as("event %s", row[0])
                    .isEqualTo(expected(fields));
            assertThat(manifests.schema(SERVICES, Integer.parseInt(row[0]), 0).orElseThrow().eventName())
                    .hasValue(row[1].substring(0, row[1].indexOf('(')));
        }
    }

    @Test
    void kernelProcessManifestDeclaresThePublishedFieldLists() {
        for (Object[] row : KERNEL_LISTS) {
            assertThat(layout(KERNEL, (int) row[0], (int) row[1])).as("event %s v%s", row[0], row[1])
                    .isEqualTo(expected((String) row[2]));
        }
    }

    @Test
    void noOtherVersionIsDeclared() {
        for (int v = 1; v < 256; v++) {
            for (String[] row : SERVICES_TSV) {
                assertThat(manifests.schema(SERVICES, Integer.parseInt(row[0]), v)).as("%s v%d", row[0], v).isEmpty();
            }
        }
        for (int v = 0; v < 256; v++) {
            assertThat(manifests.schema(KERNEL, 1, v).isPresent()).as("ProcessStart v%d", v).isEqualTo(v <= 5);
            assertThat(manifests.schema(KERNEL, 2, v).isPresent()).as("ProcessStop v%d", v).isEqualTo(v <= 2);
            assertThat(manifests.schema(KERNEL, 5, v).isPresent()).as("ImageLoad v%d", v).isEqualTo(v == 0);
            assertThat(manifests.schema(KERNEL, 15, v).isPresent()).as("ProcessRundown v%d", v).isEqualTo(v <= 3);
            assertThat(manifests.schema(KERNEL, 3, v)).as("ThreadStart is not read").isEmpty();
        }
    }

    @Test
    void anUndeclaredVersionIsNeverReadAsAPrefixOfADeclaredOne() {
        // A ProcessStart v0 payload labelled v6, and a Services 204 v0 payload labelled v1: each fits a declared
        // layout exactly, yet both stay undecodable.
        byte[] v0 = io.etw4j.core.testing.LeBytes.le().u32(4242).u64(133_000_000_000_000_000L).u32(1000)
                .u32(1).utf16z("\\Windows\\a.exe").bytes();
        assertThat(manifests.decode(record(KERNEL, 1, 0, v0)).errors()).isEmpty();
        KernelProcessRecord k = new KernelProcessRecords().decode(record(KERNEL, 1, 6, v0)).orElseThrow();
        assertThat(k).isInstanceOf(KernelProcessRecord.Undecodable.class);
        assertThat(((KernelProcessRecord.Undecodable) k).reason()).contains("version 6 has no published layout");
        assertThat(manifests.decode(record(KERNEL, 1, 6, v0)).isDecoded()).isFalse();

        byte[] s204 = io.etw4j.core.testing.LeBytes.le().utf16z("Svc").utf16z("svchost.exe").u64(9)
                .u32(4242).u32(1000).bytes();
        assertThat(new ServicesRecords().decode(record(SERVICES, 204, 0, s204)).orElseThrow())
                .isInstanceOf(ServicesRecord.ServiceStart.class);
        assertThat(new ServicesRecords().decode(record(SERVICES, 204, 1, s204)).orElseThrow())
                .isInstanceOf(ServicesRecord.Undecodable.class);
    }

    private List<String> layout(UUID provider, int id, int version) {
        EventSchema schema = manifests.schema(provider, id, version).orElseThrow(
                () -> new AssertionError("no schema for " + id + " v" + version));
        List<String> out = new ArrayList<>();
        for (PropertySchema p : schema.properties()) {
            out.add(p.inType() + " " + p.name());
        }
        return out;
    }

    /** "UInt32 ProcessID, ..." as in-type names: the published type names upper-cased are etw-decode's. */
    private static List<String> expected(String fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields.split(", ")) {
            String[] typeAndName = f.trim().split(" ");
            out.add(typeAndName[0].toUpperCase(Locale.ROOT) + " " + typeAndName[1]);
        }
        return out;
    }

    private static EventRecord record(UUID provider, int id, int version, byte[] payload) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(provider)
                .descriptor(new EventDescriptor(id, version, 0, 4, 0, 0, 0)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .processId(4).threadId(8).timestamp(Instant.parse("2024-05-01T10:00:00Z")).payload(payload).build();
    }
}
