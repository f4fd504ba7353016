package io.etw4j.scm.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.scm.internal.kernel.KernelProcessDecoder;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.services.ServicesDecoder;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * etw-scm's hand-written decoders ({@link ServicesDecoder}, {@link KernelProcessDecoder}) and etw-decode's
 * schema-driven decoder, fed a manifest written from the hand-written decoders' documented field lists
 * ({@code agreement/scm-agreement.man}), agree on the same records, field by field: Microsoft-Windows-Services 105 and
 * 200-205 v0, Kernel-Process ProcessStart v0-v5, ProcessStop v0-v2, ImageLoad v0 (64-bit and 32-bit records).
 *
 * <p>Payloads are built here field by field from those lists; values are chosen with the high bit set where a field
 * is unsigned (so a sign slip shows), and an ANSI image name with a byte above 0x7F that ISO-8859-1 and Windows-1252
 * read alike. A record cut short must be refused by both (Undecodable / field errors).
 */
class SchemaDecoderAgreementTest {
    static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.1234567Z");
    static final Instant EXITED = Instant.parse("2024-05-01T10:05:00Z");
    static final byte[] HIGH_SID = {1, 1, 0, 0, 0, 0, 0, 16, 0x00, 0x30, 0x00, 0x00};

    final EventDecoder schemaDecoder;
    final ServicesDecoder services = new ServicesDecoder();
    final KernelProcessDecoder kernel = new KernelProcessDecoder();

    SchemaDecoderAgreementTest() throws Exception {
        schemaDecoder = EventDecoder.builder().add(ManifestSchemas.create().loadResource(getClass().getClassLoader(),
                "io/etw4j/scm/agreement/scm-agreement.man")).build();
    }

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

    DecodedEvent schema(EventRecord r) {
        DecodedEvent d = schemaDecoder.decode(r);
        assertThat(d.isDecoded()).as("schema for %d v%d", r.id(), r.descriptor().version()).isTrue();
        assertThat(d.errors()).as("schema decode errors").isEmpty();
        return d;
    }

    /** Asserts the schema decoder's fields equal {@code expected} (values normalised to the decoder's types). */
    static void agree(DecodedEvent d, Map<String, Object> expected) {
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object ours = d.fields().get(e.getKey());
            Object want = e.getValue();
            if (want instanceof Integer i) {
                want = Integer.toUnsignedLong(i);
            }
            assertThat(ours).as("field %s", e.getKey()).isEqualTo(want);
        }
    }

    // ---------------------------------------------------------------- Microsoft-Windows-Services

    @Test
    void servicesEventsAgree() {
        UUID g = ServicesProvider.GUID;
        long key = 0x8000_0000_0000_1234L;
        int pid = 0x8000_0ABC;
        int ppid = 612;

        EventRecord r105 = record(g, 105, 0, new Le().u32(3).u32(4).u32(0xFFFF_FFF2L).u32(0x8000_0001L).sz("Svc")
                .sz("C:\\svc.exe").bytes(), true);
        ServicesRecord.StatusChange sc = (ServicesRecord.StatusChange) services.decode(r105).orElseThrow();
        agree(schema(r105), fields("ExecutionPhase", sc.executionPhase(), "CurrentState", sc.currentState(),
                "StartType", sc.startType(), "PID", sc.processId(), "ServiceName", sc.serviceName(), "ImageName",
                sc.imageName()));

        EventRecord r200 = record(g, 200, 0, new Le().sz("Svc").sz("The Service").u32(0x8000_0001L).u64(key)
                .u32(pid).u32(ppid).bytes(), true);
        ServicesRecord.SendControl ctl = (ServicesRecord.SendControl) services.decode(r200).orElseThrow();
        agree(schema(r200), fields("ServiceName", ctl.serviceName(), "DisplayName", ctl.displayName(),
                "ControlCode", ctl.controlCode(), "ClientProcessStartKey", ctl.client().processStartKey(),
                "ClientProcessId", ctl.client().processId(), "ParentProcessId", ctl.client().parentProcessId()));

        EventRecord r201 = record(g, 201, 0, new Le().sz("Svc").u32(0x8000_0004L).u64(key).u32(pid).u32(ppid)
                .bytes(), false);
        ServicesRecord.ConfigChange cc = (ServicesRecord.ConfigChange) services.decode(r201).orElseThrow();
        agree(schema(r201), client(cc.client(), fields("ServiceName", cc.serviceName(), "NewStartType",
                Long.parseLong(cc.changes().get("NewStartType")))));

        for (int id : new int[] {202, 203}) {
            EventRecord r = record(g, id, 0, new Le().sz("Svc").sz("ImagePath").u64(key).u32(pid).u32(ppid)
                    .bytes(), true);
            ServicesRecord.ConfigChange c = (ServicesRecord.ConfigChange) services.decode(r).orElseThrow();
            agree(schema(r), client(c.client(), fields("ServiceName", c.serviceName(), "NewValueName",
                    c.changes().get("NewValueName"))));
        }

        EventRecord r204 = record(g, 204, 0, new Le().sz("Svc").sz("svchost.exe").u64(key).u32(pid).u32(ppid)
                .bytes(), true);
        ServicesRecord.ServiceStart s204 = (ServicesRecord.ServiceStart) services.decode(r204).orElseThrow();
        agree(schema(r204), client(s204.client(), fields("ServiceName", s204.serviceName(), "ServiceHostName",
                s204.details().get("ServiceHostName"))));

        EventRecord r205 = record(g, 205, 0, new Le().sz("Svc").sz("Group").sz("netsvcs").u32(1).u32(0)
                .u32(0x8000_0000L).u64(key).u32(pid).u32(ppid).bytes(), true);
        ServicesRecord.ServiceStart s205 = (ServicesRecord.ServiceStart) services.decode(r205).orElseThrow();
        agree(schema(r205), client(s205.client(), fields("ServiceName", s205.serviceName(), "LoadOrderGroup",
                s205.details().get("LoadOrderGroup"), "SvchostGroup", s205.details().get("SvchostGroup"),
                "IsCritical", Boolean.parseBoolean(s205.details().get("IsCritical")), "IsUserService",
                Boolean.parseBoolean(s205.details().get("IsUserService")), "IsOwnProcess",
                Boolean.parseBoolean(s205.details().get("IsOwnProcess")))));
        assertThat(schemaDecoder.decode(r205).fields()).containsEntry("IsCritical", true)
                .containsEntry("IsOwnProcess", true);
    }

    static Map<String, Object> client(ServicesRecord.Client c, Map<String, Object> m) {
        m.put("ClientProcessStartKey", c.processStartKey());
        m.put("ClientProcessId", c.processId());
        m.put("ParentProcessId", c.parentProcessId());
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
    void processStartV0ToV5Agree() {
        for (int v = 0; v <= 5; v++) {
            for (boolean is64 : new boolean[] {true, false}) {
                EventRecord r = record(KernelProcessProvider.GUID, 1, v, processStart(v), is64);
                KernelProcessRecord.ProcessStart s = (KernelProcessRecord.ProcessStart) kernel.decode(r)
                        .orElseThrow();
                Map<String, Object> m = fields("ProcessID", s.processId(), "CreateTime", s.createTime(),
                        "ParentProcessID", s.parentProcessId(), "SessionID", s.sessionId(), "ImageName",
                        s.imageName());
                s.sequenceNumber().ifPresent(x -> m.put("ProcessSequenceNumber", x));
                s.parentSequenceNumber().ifPresent(x -> m.put("ParentProcessSequenceNumber", x));
                s.flags().ifPresent(x -> m.put("Flags", x));
                s.tokenElevationType().ifPresent(x -> m.put("ProcessTokenElevationType", x));
                s.tokenIsElevated().ifPresent(x -> m.put("ProcessTokenIsElevated", x));
                s.mandatoryLabel().ifPresent(x -> m.put("MandatoryLabel", x));
                s.imageChecksum().ifPresent(x -> m.put("ImageChecksum", x));
                s.timeDateStamp().ifPresent(x -> m.put("TimeDateStamp", x));
                s.packageFullName().ifPresent(x -> m.put("PackageFullName", x));
                s.packageRelativeAppId().ifPresent(x -> m.put("PackageRelativeAppId", x));
                s.securityMitigations().ifPresent(x -> m.put("SecurityMitigations", x));
                s.partitionId().ifPresent(x -> m.put("PartitionID", x));
                s.processMachine().ifPresent(x -> m.put("ProcessMachine", (long) x));
                DecodedEvent d = schema(r);
                assertThat(d.fields().keySet()).as("v%d fields", v).isEqualTo(m.keySet());
                agree(d, m);
                if (v >= 3) {
                    assertThat(d.fields().get("MandatoryLabel")).isEqualTo(SecurityIdentifier.of(HIGH_SID));
                }
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
    void processStopV0ToV2Agree() {
        for (int v = 0; v <= 2; v++) {
            EventRecord r = record(KernelProcessProvider.GUID, 2, v, processStop(v), true);
            KernelProcessRecord.ProcessStop s = (KernelProcessRecord.ProcessStop) kernel.decode(r).orElseThrow();
            Map<String, Object> m = fields("ProcessID", s.processId(), "CreateTime", s.createTime(), "ExitTime",
                    s.exitTime(), "ExitCode", s.exitCode(), "ImageName", s.imageName());
            s.sequenceNumber().ifPresent(x -> m.put("ProcessSequenceNumber", x));
            agree(schema(r), m);
        }
    }

    @Test
    void imageLoadAgreesForBothPointerSizes() {
        for (boolean is64 : new boolean[] {true, false}) {
            int ps = is64 ? 8 : 4;
            byte[] payload = new Le().n(is64 ? 0xFFFF_F800_1234_0000L : 0x8123_0000L, ps).n(0x0001_2000L, ps)
                    .u32(0x8000_0004L).u32(0x8000_1111L).u32(0x5000_0000L).n(is64 ? 0x1_8000_0000L : 0x1000_0000L, ps)
                    .sz("\\Windows\\System32\\drivers\\evil.sys").bytes();
            EventRecord r = record(KernelProcessProvider.GUID, 5, 0, payload, is64);
            KernelProcessRecord.ImageLoad s = (KernelProcessRecord.ImageLoad) kernel.decode(r).orElseThrow();
            agree(schema(r), fields("ImageBase", s.imageBase(), "ImageSize", s.imageSize(), "ProcessID",
                    s.processId(), "ImageCheckSum", s.imageChecksum(), "TimeDateStamp", s.timeDateStamp(),
                    "DefaultBase", s.defaultBase(), "ImageName", s.imageName()));
        }
    }

    @Test
    void bothRefuseARecordCutShort() {
        byte[] full = processStart(4);
        EventRecord r = record(KernelProcessProvider.GUID, 1, 4, Arrays.copyOf(full, full.length - 3), true);
        assertThat(kernel.decode(r).orElseThrow()).isInstanceOf(KernelProcessRecord.Undecodable.class);
        assertThat(schemaDecoder.decode(r).errors()).isNotEmpty();
        byte[] longer = Arrays.copyOf(full, full.length + 2);
        EventRecord r2 = record(KernelProcessProvider.GUID, 1, 4, longer, true);
        assertThat(kernel.decode(r2).orElseThrow()).isInstanceOf(KernelProcessRecord.Undecodable.class);
        assertThat(schemaDecoder.decode(r2).errors()).extracting(e -> e.field()).containsExactly("<trailing>");
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
