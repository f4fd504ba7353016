package io.etw4j.scm.internal.kernel;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KernelProcessRecordsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private final KernelProcessRecords decoder = new KernelProcessRecords();

    @Test
    void processStartV4GivesEveryPublishedField() {
        EventRecord r = PublishedLayouts.processStartV4(4242, 0x1_0000_0123L, T0, 1000, 0x1_0000_0042L,
                "\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe");

        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder.decode(r).orElseThrow();

        assertThat(s.processId()).isEqualTo(4242);
        assertThat(s.sequenceNumber()).hasValue(0x1_0000_0123L);
        assertThat(s.createTime()).isEqualTo(T0);
        assertThat(s.parentProcessId()).isEqualTo(1000);
        assertThat(s.parentSequenceNumber()).hasValue(0x1_0000_0042L);
        assertThat(s.sessionId()).isEqualTo(1);
        assertThat(s.flags()).hasValue(0);
        assertThat(s.tokenElevationType()).hasValue(2);
        assertThat(s.tokenIsElevated()).hasValue(1);
        assertThat(s.mandatoryLabel().map(SecurityIdentifier::toString)).hasValue("S-1-16-12288");
        assertThat(s.imageName()).isEqualTo("\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe");
        assertThat(s.imageChecksum()).hasValue(0x23D2D);
        assertThat(s.timeDateStamp()).hasValue(0x4E0C0A88);
        assertThat(s.packageFullName()).hasValue("");
        assertThat(s.securityMitigations()).hasValue(0);
        assertThat(s.rundown()).isFalse();
    }

    // Field values below are pairwise distinct, so a field read at the wrong offset cannot pass its assertion.
    private static final int PID = 0x1111;
    private static final long SEQ = 0x2222_0000_0001L;
    private static final int PPID = 0x3333;
    private static final long PARENT_SEQ = 0x4444_0000_0002L;
    private static final String IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe";

    /**
     * The ProcessStart v4 fields in their published order (v3 layout + SecurityMitigations; issue 9, from the
     * provider's published manifests per build): ProcessID u32, ProcessSequenceNumber u64, CreateTime FILETIME,
     * ParentProcessID u32, ParentProcessSequenceNumber u64, SessionID u32, Flags u32, ProcessTokenElevationType u32,
     * ProcessTokenIsElevated u32, MandatoryLabel SID, ImageName sz, ImageChecksum u32, TimeDateStamp u32,
     * PackageFullName sz, PackageRelativeAppId sz, SecurityMitigations u32.
     */
    private static LeBytes startV4Fields() {
        return le().u32(PID).u64(SEQ).fileTime(T0).u32(PPID).u64(PARENT_SEQ).u32(5).u32(6).u32(2).u32(1)
                .raw(PublishedLayouts.HIGH_INTEGRITY_SID).utf16z(IMAGE).u32(0x7777).u32(0x8888).utf16z("Pkg")
                .utf16z("App").u32(0x9999);
    }

    /** ProcessStart v5 = v4, then PartitionID u32, ProcessMachine u16 (issue 9). */
    private static byte[] startV5Payload() {
        return startV4Fields().u32(0xAAAA).u16(0xAA64).bytes();
    }

    private static void assertV4Fields(KernelProcessRecord.ProcessStart s) {
        assertThat(s.processId()).isEqualTo(PID);
        assertThat(s.sequenceNumber()).hasValue(SEQ);
        assertThat(s.createTime()).isEqualTo(T0);
        assertThat(s.parentProcessId()).isEqualTo(PPID);
        assertThat(s.parentSequenceNumber()).hasValue(PARENT_SEQ);
        assertThat(s.sessionId()).isEqualTo(5);
        assertThat(s.flags()).hasValue(6);
        assertThat(s.tokenElevationType()).hasValue(2);
        assertThat(s.tokenIsElevated()).hasValue(1);
        assertThat(s.mandatoryLabel().map(SecurityIdentifier::toString)).hasValue("S-1-16-12288");
        assertThat(s.imageName()).isEqualTo(IMAGE);
        assertThat(s.imageChecksum()).hasValue(0x7777);
        assertThat(s.timeDateStamp()).hasValue(0x8888);
        assertThat(s.packageFullName()).hasValue("Pkg");
        assertThat(s.packageRelativeAppId()).hasValue("App");
        assertThat(s.securityMitigations()).hasValue(0x9999);
    }

    @Test
    void processStartV4ReadsSecurityMitigationsAfterTheV3Fields() {
        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder
                .decode(kernel(1, 4, startV4Fields().bytes())).orElseThrow();

        assertV4Fields(s);
        assertThat(s.partitionId()).isEmpty();
        assertThat(s.processMachine()).isEmpty();
        assertThat(s.rundown()).isFalse();
    }

    @Test
    void processStartV5ReadsPartitionIdAndProcessMachineAfterSecurityMitigations() {
        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder
                .decode(kernel(1, 5, startV5Payload())).orElseThrow();

        assertV4Fields(s);
        assertThat(s.partitionId()).hasValue(0xAAAA);
        assertThat(s.processMachine()).hasValue(0xAA64);
        assertThat(s.rundown()).isFalse();
    }

    @Test
    void processRundownV2HasTheProcessStartV4Layout() {
        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder
                .decode(kernel(15, 2, startV4Fields().bytes())).orElseThrow();

        assertV4Fields(s);
        assertThat(s.partitionId()).isEmpty();
        assertThat(s.processMachine()).isEmpty();
        assertThat(s.rundown()).isTrue();
    }

    @Test
    void processRundownV3HasTheProcessStartV5Layout() {
        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder
                .decode(kernel(15, 3, startV5Payload())).orElseThrow();

        assertV4Fields(s);
        assertThat(s.partitionId()).hasValue(0xAAAA);
        assertThat(s.processMachine()).hasValue(0xAA64);
        assertThat(s.rundown()).isTrue();
    }

    @Test
    void theV5FieldsAreReadExactlyNeitherMoreNorLess() {
        byte[] v5 = startV5Payload();
        // The v5 payload under the v4 / rundown v2 layouts: PartitionID and ProcessMachine are 6 bytes too many.
        assertThat(decoder.decode(kernel(1, 4, v5)).orElseThrow())
                .isInstanceOfSatisfying(KernelProcessRecord.Undecodable.class,
                        u -> assertThat(u.reason()).contains("6 byte(s) left"));
        assertThat(decoder.decode(kernel(15, 2, v5)).orElseThrow())
                .isInstanceOf(KernelProcessRecord.Undecodable.class);
        // One byte more than v5 publishes, and every prefix of it, are not v5.
        assertThat(decoder.decode(kernel(1, 5, Arrays.copyOf(v5, v5.length + 1))).orElseThrow())
                .isInstanceOfSatisfying(KernelProcessRecord.Undecodable.class,
                        u -> assertThat(u.reason()).contains("1 byte(s) left"));
        for (int n = 0; n < v5.length; n++) {
            assertThat(decoder.decode(kernel(1, 5, Arrays.copyOf(v5, n))).orElseThrow())
                    .as("v5 prefix of %d bytes", n)
                    .isInstanceOf(KernelProcessRecord.Undecodable.class);
            assertThat(decoder.decode(kernel(15, 3, Arrays.copyOf(v5, n))).orElseThrow())
                    .as("rundown v3 prefix of %d bytes", n)
                    .isInstanceOf(KernelProcessRecord.Undecodable.class);
        }
    }

    @Test
    void processStopV2ReadsTheSequenceNumberRightAfterTheProcessId() {
        // ProcessStop v2 (Windows 10 1903; issue 9, from the provider's published manifests per build): ProcessID
        // u32, ProcessSequenceNumber u64, CreateTime, ExitTime, ExitCode u32, TokenElevationType u32, HandleCount u32,
        // CommitCharge u64, CommitPeak u64, CPUCycleCount u64, ReadOperationCount, WriteOperationCount,
        // ReadTransferKiloBytes, WriteTransferKiloBytes, HardFaultCount (u32 each), ImageName AnsiString.
        Instant exit = T0.plusSeconds(7);
        byte[] p = le().u32(PID).u64(SEQ).fileTime(T0).fileTime(exit).u32(0xC0000409L).u32(3).u32(0x55)
                .u64(0x66_0000L).u64(0x77_0000L).u64(0x88_8888_8888L).u32(11).u32(12).u32(13).u32(14).u32(15)
                .ansiz("sc.exe").bytes();

        KernelProcessRecord.ProcessStop s = (KernelProcessRecord.ProcessStop) decoder.decode(kernel(2, 2, p))
                .orElseThrow();

        assertThat(s.processId()).isEqualTo(PID);
        assertThat(s.sequenceNumber()).hasValue(SEQ);
        assertThat(s.createTime()).isEqualTo(T0);
        assertThat(s.exitTime()).isEqualTo(exit);
        assertThat(s.exitCode()).isEqualTo(0xC0000409L);
        assertThat(s.imageName()).isEqualTo("sc.exe");
        // The same bytes under v1, which has no ProcessSequenceNumber, leave bytes over: never read as v1.
        assertThat(decoder.decode(kernel(2, 1, p)).orElseThrow())
                .isInstanceOf(KernelProcessRecord.Undecodable.class);
    }

    @Test
    void processStartV0HasNoSequenceNumbers() {
        EventRecord r = PublishedLayouts.processStartV0(77, T0, 4, "\\Device\\HarddiskVolume3\\x.exe");

        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder.decode(r).orElseThrow();

        assertThat(s.processId()).isEqualTo(77);
        assertThat(s.sequenceNumber()).isEmpty();
        assertThat(s.flags()).isEmpty();
        assertThat(s.imageChecksum()).isEmpty();
        assertThat(s.imageName()).isEqualTo("\\Device\\HarddiskVolume3\\x.exe");
    }

    @Test
    void processStartV2ReadsFlagsBeforeImageNameAndPackageFieldsAfter() {
        // v2: ProcessID, CreateTime, ParentProcessID, SessionID, Flags, ImageName, ImageChecksum, TimeDateStamp,
        // PackageFullName, PackageRelativeAppId (jdu2600 tsv).
        byte[] p = le().u32(9).fileTime(T0).u32(8).u32(2).u32(0x10).utf16z("a.exe").u32(5).u32(6).utf16z("pkg")
                .utf16z("app").bytes();
        EventRecord r = kernel(1, 2, p);

        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder.decode(r).orElseThrow();

        assertThat(s.flags()).hasValue(0x10);
        assertThat(s.imageName()).isEqualTo("a.exe");
        assertThat(s.imageChecksum()).hasValue(5);
        assertThat(s.packageFullName()).hasValue("pkg");
        assertThat(s.packageRelativeAppId()).hasValue("app");
        assertThat(s.sequenceNumber()).isEmpty();
    }

    @Test
    void processRundownV1HasTheProcessStartV3Layout() {
        byte[] p = le().u32(500).u64(77).fileTime(T0).u32(4).u64(3).u32(0).u32(0).u32(1).u32(0)
                .raw(PublishedLayouts.HIGH_INTEGRITY_SID).utf16z("\\Device\\HarddiskVolume3\\svc.exe").u32(0).u32(0)
                .utf16z("").utf16z("").bytes();
        KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) decoder.decode(kernel(15, 1, p))
                .orElseThrow();

        assertThat(s.rundown()).isTrue();
        assertThat(s.sequenceNumber()).hasValue(77);
        assertThat(s.parentSequenceNumber()).hasValue(3);
        assertThat(s.securityMitigations()).isEmpty();
    }

    @Test
    void processStopV2GivesExitAndShortImage() {
        Instant exit = T0.plusSeconds(3);
        EventRecord r = PublishedLayouts.processStopV2(4242, 99, T0, exit, 0xC0000005L, "sc.exe");

        KernelProcessRecord.ProcessStop s = (KernelProcessRecord.ProcessStop) decoder.decode(r).orElseThrow();

        assertThat(s.processId()).isEqualTo(4242);
        assertThat(s.sequenceNumber()).hasValue(99);
        assertThat(s.createTime()).isEqualTo(T0);
        assertThat(s.exitTime()).isEqualTo(exit);
        assertThat(s.exitCode()).isEqualTo(0xC0000005L);
        assertThat(s.imageName()).isEqualTo("sc.exe");
    }

    @Test
    void processStopV0EndsWithTheAnsiImageAfterCommitPeak() {
        byte[] p = le().u32(12).fileTime(T0).fileTime(T0.plusSeconds(1)).u32(0).u32(1).u32(10).u64(1).u64(2)
                .ansiz("cmd.exe").bytes();
        KernelProcessRecord.ProcessStop s = (KernelProcessRecord.ProcessStop) decoder.decode(kernel(2, 0, p))
                .orElseThrow();
        assertThat(s.imageName()).isEqualTo("cmd.exe");
        assertThat(s.sequenceNumber()).isEmpty();
    }

    @Test
    void imageLoadHonoursA64BitPointerSize() {
        EventRecord r = PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0,
                "\\SystemRoot\\System32\\drivers\\evil.sys", T0);

        KernelProcessRecord.ImageLoad l = (KernelProcessRecord.ImageLoad) decoder.decode(r).orElseThrow();

        assertThat(l.imageBase()).isEqualTo(0xFFFFF80012340000L);
        assertThat(l.imageSize()).isEqualTo(0x8000);
        assertThat(l.processId()).isZero();
        assertThat(l.isKernelImage()).isTrue();
        assertThat(l.imageChecksum()).isEqualTo(0x1F2E3);
        assertThat(l.timeDateStamp()).isEqualTo(0x5F000000L);
        assertThat(l.defaultBase()).isEqualTo(0x140000000L);
        assertThat(l.imageName()).isEqualTo("\\SystemRoot\\System32\\drivers\\evil.sys");
    }

    @Test
    void imageLoadHonoursA32BitPointerSize() {
        // EVENT_HEADER_FLAG_32_BIT_HEADER: every win:Pointer is 4 bytes.
        byte[] p = le().u32(0x80400000L).u32(0x2000).u32(1234).u32(7).u32(8).u32(0x400000).utf16z("C:\\a.dll")
                .bytes();
        EventRecord r = kernel(5, 0, p).toBuilder().flags(EventRecord.FLAG_32_BIT_HEADER).build();

        KernelProcessRecord.ImageLoad l = (KernelProcessRecord.ImageLoad) decoder.decode(r).orElseThrow();

        assertThat(l.imageBase()).isEqualTo(0x80400000L);
        assertThat(l.processId()).isEqualTo(1234);
        assertThat(l.defaultBase()).isEqualTo(0x400000L);
        assertThat(l.imageName()).isEqualTo("C:\\a.dll");
    }

    @Test
    void everyTruncationOfAProcessStartIsUndecodableNeverAGuess() {
        byte[] full = PublishedLayouts.processStartV4(4242, 1, T0, 1000, 2, "x.exe").payload();
        for (int n = 0; n < full.length; n++) {
            EventRecord r = kernel(1, 4, Arrays.copyOf(full, n));
            assertThat(decoder.decode(r).orElseThrow())
                    .as("prefix of %d bytes", n)
                    .isInstanceOf(KernelProcessRecord.Undecodable.class);
        }
    }

    @Test
    void everyTruncationOfAnImageLoadIsUndecodable() {
        byte[] full = PublishedLayouts.imageLoadV0(1, 2, 0, "d.sys", T0).payload();
        for (int n = 0; n < full.length; n++) {
            assertThat(decoder.decode(kernel(5, 0, Arrays.copyOf(full, n))).orElseThrow())
                    .isInstanceOf(KernelProcessRecord.Undecodable.class);
        }
    }

    @Test
    void trailingBytesMeanTheLayoutIsNotTheOnePublished() {
        byte[] full = PublishedLayouts.processStopV2(1, 2, T0, T0, 0, "a").payload();
        byte[] longer = Arrays.copyOf(full, full.length + 4);

        KernelProcessRecord.Undecodable u = (KernelProcessRecord.Undecodable) decoder.decode(kernel(2, 2, longer))
                .orElseThrow();

        assertThat(u.reason()).contains("4 byte(s) left");
    }

    @Test
    void unknownVersionsAreUndecodableEvenWhenAKnownLayoutIsAPrefix() {
        // A future version that appended a u32 to v5 would still not be read as v5: versions also insert fields.
        byte[] v6 = le().raw(startV5Payload()).u32(0x1234).bytes();
        assertThat(decoder.decode(kernel(1, 6, v6)).orElseThrow())
                .isInstanceOfSatisfying(KernelProcessRecord.Undecodable.class, u -> {
                    assertThat(u.eventId()).isEqualTo(1);
                    assertThat(u.version()).isEqualTo(6);
                    assertThat(u.reason()).contains("version 6");
                });
        assertThat(decoder.decode(kernel(1, 6, startV5Payload())).orElseThrow())
                .isInstanceOf(KernelProcessRecord.Undecodable.class);
        assertThat(decoder.decode(kernel(15, 4, startV5Payload())).orElseThrow())
                .isInstanceOfSatisfying(KernelProcessRecord.Undecodable.class,
                        u -> assertThat(u.reason()).contains("version 4"));
        byte[] stopV2 = PublishedLayouts.processStopV2(1, 2, T0, T0, 0, "a").payload();
        assertThat(decoder.decode(kernel(2, 3, stopV2)).orElseThrow())
                .isInstanceOfSatisfying(KernelProcessRecord.Undecodable.class,
                        u -> assertThat(u.reason()).contains("version 3"));
        assertThat(decoder.decode(kernel(5, 1, stopV2)).orElseThrow())
                .isInstanceOf(KernelProcessRecord.Undecodable.class);
    }

    @Test
    void otherEventsAndProvidersAreNotHandled() {
        assertThat(decoder.decode(kernel(3, 0, new byte[8]))).isEmpty(); // ThreadStart
        EventRecord other = kernel(1, 0, new byte[8]).toBuilder().providerId(UUID.randomUUID()).build();
        assertThat(decoder.decode(other)).isEmpty();
    }

    private static EventRecord kernel(int id, int version, byte[] payload) {
        return EventRecord.builder()
                .providerId(KernelProcessProvider.GUID)
                .descriptor(new io.etw4j.core.EventDescriptor(id, version, 0, 4, 0, id, 0x10))
                .flags(EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(T0)
                .payload(payload)
                .build();
    }
}
