package io.etw4j.scm.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.services.ServicesRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The typed adapters ({@link ServicesRecords}, {@link KernelProcessRecords}) over etw-decode's decoding with the
 * shipped manifests give the values the payload holds, field by field: Microsoft-Windows-Services 105 and 200-205 v0,
 * Kernel-Process ProcessStart v0-v5, ProcessStop v0-v2, ImageLoad v0 (64-bit and 32-bit records). These are the
 * inputs the agreement test of the earlier hand-written decoders used; the expected values are now the inputs
 * themselves.
 *
 * <p>Payloads are built here field by field from the published lists; values are chosen with the high bit set where
 * a field is unsigned (so a sign slip shows), and an ANSI image name with a byte above 0x7F that ISO-8859-1 and
 * Windows-1252 read alike. A record cut short or with bytes left over is undecodable.
 */
class TypedAdaptersTest {
    static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.1234567Z");
    static final Instant EXITED = Instant.parse("2024-05-01T10:05:00Z");
    static final byte[] HIGH_SID = {1, 1, 0, 0, 0, 0, 0, 16, 0x00, 0x30, 0x00, 0x00};

    final ServicesRecords services = new ServicesRecords();
    final KernelProcessRecords kernel = new KernelProcessRecords();

    /** Little-endian payload writer. */
    static final class Le {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Le n(long v, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Le u16(int v) {
            return n(v, 2);
        }

        Le u32(long v) {
            return n(v, 4);
        }

        Le u64(long v) {
            return n(v, 8);
        }

        Le sz(String s) {
            out.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_16LE));
            return this;
        }

        Le ansiz(String s) {
            out.writeBytes((s + "\0").getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        Le fileTime(Instant t) {
            long ticks = (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
            return u64(ticks);
        }

        Le raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static EventRecord record(UUID provider, int id, int version, byte[] payload, boolean is64) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(provider)
                .descriptor(new EventDescriptor(id, version, 0, 4, 0, 0, 0))
                .flags(is64 ? EventRecord.FLAG_64_BIT_HEADER : EventRecord.FLAG_32_BIT_HEADER).processId(700)
                .threadId(704).timestamp(CREATED).payload(payload).build();
    }

    // ---------------------------------------------------------------- Microsoft-Windows-Services

    @Test
    void servicesEventsGiveThePayloadsValues() {
        UUID g = ServicesProvider.GUID;
        long key = 0x8000_0000_0000_1234L;
        int pid = 0x8000_0ABC;
        int ppid = 612;

        EventRecord r105 = record(g, 105, 0, new Le().u32(3).u32(4).u32(0xFFFF_FFF2L).u32(0x8000_0001L).sz("Svc")
                .sz("C:\\svc.exe").bytes(), true);
        ServicesRecord.StatusChange sc = (ServicesRecord.StatusChange) services.decode(r105).orElseThrow();
        assertThat(sc).isEqualTo(new ServicesRecord.StatusChange(3, 4, 0xFFFF_FFF2L, 0x8000_0001, "Svc",
                "C:\\svc.exe", r105));

        EventRecord r200 = record(g, 200, 0, new Le().sz("Svc").sz("The Service").u32(0x8000_0001L).u64(key)
                .u32(pid).u32(ppid).bytes(), true);
        assertThat(services.decode(r200).orElseThrow()).isEqualTo(new ServicesRecord.SendControl("Svc",
                "The Service", 0x8000_0001L, new ServicesRecord.Client(key, pid, ppid), r200));

        EventRecord r201 = record(g, 201, 0, new Le().sz("Svc").u32(0x8000_0004L).u64(key).u32(pid).u32(ppid)
                .bytes(), false);
        assertThat(services.decode(r201).orElseThrow()).isEqualTo(new ServicesRecord.ConfigChange("Svc",
                fields2("NewStartType", Long.toString(0x8000_0004L)), new ServicesRecord.Client(key, pid, ppid),
                r201));

        for (int id : new int[] {202, 203}) {
            EventRecord r = record(g, id, 0, new Le().sz("Svc").sz("ImagePath").u64(key).u32(pid).u32(ppid)
                    .bytes(), true);
            assertThat(services.decode(r).orElseThrow()).isEqualTo(new ServicesRecord.ConfigChange("Svc",
                    fields2("NewValueName", "ImagePath"), new ServicesRecord.Client(key, pid, ppid), r));
        }

        EventRecord r204 = record(g, 204, 0, new Le().sz("Svc").sz("svchost.exe").u64(key).u32(pid).u32(ppid)
                .bytes(), true);
        assertThat(services.decode(r204).orElseThrow()).isEqualTo(new ServicesRecord.ServiceStart("Svc",
                fields2("ServiceHostName", "svchost.exe"), new ServicesRecord.Client(key, pid, ppid), r204));

        EventRecord r205 = record(g, 205, 0, new Le().sz("Svc").sz("Group").sz("netsvcs").u32(1).u32(0)
                .u32(0x8000_0000L).u64(key).u32(pid).u32(ppid).bytes(), true);
        ServicesRecord.ServiceStart s205 = (ServicesRecord.ServiceStart) services.decode(r205).orElseThrow();
        assertThat(s205.details()).containsExactly(Map.entry("LoadOrderGroup", "Group"),
                Map.entry("SvchostGroup", "netsvcs"), Map.entry("IsCritical", "true"),
                Map.entry("IsUserService", "false"), Map.entry("IsOwnProcess", "true"));
        assertThat(s205.client()).isEqualTo(new ServicesRecord.Client(key, pid, ppid));
    }

    static Map<String, String> fields2(String k, String v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }

    // ---------------------------------------------------------------- Microsoft-Windows-Kernel-Process

    static byte[] processStart(int v) {
        Le p = new Le().u32(0x8000_1000L);
        if (v >= 3) {
            p.u64(0x8000_0000_0000_0042L);
        }
        p.fileTime(CREATED).u32(0x8000_2000L);
        if (v >= 3) {
            p.u64(0x41);
        }
        p.u32(0x8000_0001L);
        if (v >= 1) {
            p.u32(0x8000_0010L);
        }
        if (v >= 3) {
            p.u32(2).u32(1).raw(HIGH_SID);
        }
        p.sz("\\Device\\HarddiskVolume3\\Windows\\notepad.exe");
        if (v >= 2) {
            p.u32(0x8000_ABCDL).u32(0x6543_2100L).sz("Pkg_1.0_x64__abc").sz("App");
        }
        if (v >= 4) {
            p.u32(0x8000_0003L);
        }
        if (v >= 5) {
            p.u32(0x8000_0007L).u16(0x8664);
        }
        return p.bytes();
    }

    @Test
    void processStartV0ToV5GiveThePayloadsValues() {
        for (int v = 0; v <= 5; v++) {
            for (boolean is64 : new boolean[] {true, false}) {
                EventRecord r = record(KernelProcessProvider.GUID, 1, v, processStart(v), is64);
                KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) kernel.decode(r)
                        .orElseThrow();
                OptionalLong v3 = OptionalLong.empty();
                assertThat(s.processId()).isEqualTo(0x8000_1000);
                assertThat(s.sequenceNumber()).isEqualTo(v >= 3 ? OptionalLong.of(0x8000_0000_0000_0042L) : v3);
                assertThat(s.createTime()).isEqualTo(CREATED);
                assertThat(s.parentProcessId()).isEqualTo(0x8000_2000);
                assertThat(s.parentSequenceNumber()).isEqualTo(v >= 3 ? OptionalLong.of(0x41) : v3);
                assertThat(s.sessionId()).isEqualTo(0x8000_0001L);
                assertThat(s.flags()).isEqualTo(v >= 1 ? OptionalLong.of(0x8000_0010L) : v3);
                assertThat(s.tokenElevationType()).isEqualTo(v >= 3 ? OptionalLong.of(2) : v3);
                assertThat(s.tokenIsElevated()).isEqualTo(v >= 3 ? OptionalLong.of(1) : v3);
                assertThat(s.mandatoryLabel().isPresent()).isEqualTo(v >= 3);
                s.mandatoryLabel().ifPresent(l -> assertThat(l).isEqualTo(SecurityIdentifier.of(HIGH_SID)));
                assertThat(s.imageName()).isEqualTo("\\Device\\HarddiskVolume3\\Windows\\notepad.exe");
                assertThat(s.imageChecksum()).isEqualTo(v >= 2 ? OptionalLong.of(0x8000_ABCDL) : v3);
                assertThat(s.timeDateStamp()).isEqualTo(v >= 2 ? OptionalLong.of(0x6543_2100L) : v3);
                assertThat(s.packageFullName().orElse(null)).isEqualTo(v >= 2 ? "Pkg_1.0_x64__abc" : null);
                assertThat(s.packageRelativeAppId().orElse(null)).isEqualTo(v >= 2 ? "App" : null);
                assertThat(s.securityMitigations()).isEqualTo(v >= 4 ? OptionalLong.of(0x8000_0003L) : v3);
                assertThat(s.partitionId()).isEqualTo(v >= 5 ? OptionalLong.of(0x8000_0007L) : v3);
                assertThat(s.processMachine()).isEqualTo(v >= 5 ? OptionalInt.of(0x8664) : OptionalInt.empty());
                assertThat(s.rundown()).isFalse();
            }
        }
    }

    static byte[] processStop(int v) {
        Le p = new Le().u32(0x8000_1000L);
        if (v >= 2) {
            p.u64(0x8000_0000_0000_0042L);
        }
        p.fileTime(CREATED).fileTime(EXITED).u32(0xC000_0005L).u32(1).u32(77).u64(1 << 20).u64(2 << 20);
        if (v >= 1) {
            p.u64(123_456_789L).u32(1).u32(2).u32(3).u32(4).u32(5);
        }
        p.ansiz("caf\u00e9.exe");
        return p.bytes();
    }

    @Test
    void processStopV0ToV2GiveThePayloadsValues() {
        for (int v = 0; v <= 2; v++) {
            EventRecord r = record(KernelProcessProvider.GUID, 2, v, processStop(v), true);
            KernelProcessRecord.ProcessStop s = (KernelProcessRecord.ProcessStop) kernel.decode(r).orElseThrow();
            assertThat(s).isEqualTo(new KernelProcessRecord.ProcessStop(0x8000_1000,
                    v >= 2 ? OptionalLong.of(0x8000_0000_0000_0042L) : OptionalLong.empty(), CREATED, EXITED,
                    0xC000_0005L, "caf\u00e9.exe", r));
        }
    }

    @Test
    void imageLoadFollowsThePointerSize() {
        for (boolean is64 : new boolean[] {true, false}) {
            int ps = is64 ? 8 : 4;
            long base = is64 ? 0xFFFF_F800_1234_0000L : 0x8123_0000L;
            long defaultBase = is64 ? 0x1_8000_0000L : 0x1000_0000L;
            byte[] payload = new Le().n(base, ps).n(0x0001_2000L, ps).u32(0x8000_0004L).u32(0x8000_1111L)
                    .u32(0x5000_0000L).n(defaultBase, ps).sz("\\Windows\\System32\\drivers\\evil.sys").bytes();
            EventRecord r = record(KernelProcessProvider.GUID, 5, 0, payload, is64);
            assertThat(kernel.decode(r).orElseThrow()).isEqualTo(new KernelProcessRecord.ImageLoad(base, 0x0001_2000L,
                    0x8000_0004, 0x8000_1111L, 0x5000_0000L, defaultBase,
                    "\\Windows\\System32\\drivers\\evil.sys", r));
        }
    }

    @Test
    void aRecordCutShortOrWithBytesLeftIsUndecodable() {
        byte[] full = processStart(4);
        EventRecord r = record(KernelProcessProvider.GUID, 1, 4, Arrays.copyOf(full, full.length - 3), true);
        assertThat(kernel.decode(r).orElseThrow()).isInstanceOf(KernelProcessRecord.Undecodable.class);
        byte[] longer = Arrays.copyOf(full, full.length + 2);
        EventRecord r2 = record(KernelProcessProvider.GUID, 1, 4, longer, true);
        KernelProcessRecord.Undecodable u = (KernelProcessRecord.Undecodable) kernel.decode(r2).orElseThrow();
        assertThat(u.reason()).contains("<trailing>");
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
