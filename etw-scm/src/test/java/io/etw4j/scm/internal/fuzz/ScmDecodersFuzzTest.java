package io.etw4j.scm.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.services.ServicesRecords;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Fuzz targets for the manifest decoders of etw-scm: {@link ServicesRecords} and {@link KernelProcessRecords}.
 *
 * <p>Contract checked: a decoder never throws for any record (a bad payload is a typed {@code Undecodable}, which
 * is stricter than "only EtwException": an exception here would end a live monitor's Flux); a record of its provider
 * with a handled id always gives a result and any other record gives none; every result names the record it came
 * from. A hang shows up as a libFuzzer timeout and an allocation sized by a hostile field as an OutOfMemoryError
 * under the fuzz profile's small heap.
 *
 * <p>Input layout: bytes 0-1 = id selector (u16 LE; bit 15 clear picks one of the handled ids, see
 * {@link FuzzRecords#id}), byte 2 = version selector ({@link FuzzRecords#version}), byte 3 = header bits (bit 0 =
 * 32-bit logger, i.e. 4-byte pointers; bit 2 = use another provider's GUID), then the payload. The committed seeds
 * in {@code src/test/resources/io/etw4j/scm/internal/fuzz/ScmDecodersFuzzTestInputs/<method>/} are the published
 * layouts of {@code PublishedLayouts} (one per handled id and version). Fuzz one method at a time (README
 * "Fuzzing"): {@code ./mvnw -P fuzz -pl etw-scm -am test -Dtest='ScmDecodersFuzzTest#kernelProcessDecoder'}.
 */
class ScmDecodersFuzzTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final UUID OTHER_PROVIDER = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private final ServicesRecords services = new ServicesRecords();
    private final KernelProcessRecords kernel = new KernelProcessRecords();

    @FuzzTest(maxDuration = "2m")
    void servicesDecoder(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int id = FuzzRecords.id(in.u16(), FuzzRecords.SERVICES_IDS);
        int version = FuzzRecords.version(in.u8());
        int bits = in.u8();
        UUID provider = (bits & 0x04) != 0 ? OTHER_PROVIDER : ServicesProvider.GUID;
        EventRecord record = FuzzRecords.record(provider, false, id, version, bits, 0, 700, T0, in.rest());

        Optional<ServicesRecord> decoded = services.decode(record);

        boolean handled = provider.equals(ServicesProvider.GUID) && handles(FuzzRecords.SERVICES_IDS, id);
        assertThat(decoded.isPresent()).as("result present exactly for handled ids").isEqualTo(handled);
        decoded.ifPresent(d -> assertThat(d.source()).isSameAs(record));
        if (decoded.orElse(null) instanceof ServicesRecord.Undecodable u) {
            assertThat(u.eventId()).isEqualTo(id);
            assertThat(u.reason()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void kernelProcessDecoder(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int id = FuzzRecords.id(in.u16(), FuzzRecords.KERNEL_IDS);
        int version = FuzzRecords.version(in.u8());
        int bits = in.u8();
        UUID provider = (bits & 0x04) != 0 ? OTHER_PROVIDER : KernelProcessProvider.GUID;
        EventRecord record = FuzzRecords.record(provider, false, id, version, bits, 0, 4, T0, in.rest());

        Optional<KernelProcessRecord> decoded = kernel.decode(record);

        boolean handled = provider.equals(KernelProcessProvider.GUID) && handles(FuzzRecords.KERNEL_IDS, id);
        assertThat(decoded.isPresent()).as("result present exactly for handled ids").isEqualTo(handled);
        decoded.ifPresent(d -> assertThat(d.source()).isSameAs(record));
        if (decoded.orElse(null) instanceof KernelProcessRecord.Undecodable u) {
            assertThat(u.eventId()).isEqualTo(id);
            assertThat(u.reason()).isNotBlank();
        } else if (decoded.orElse(null) instanceof KernelProcessRecord.ImageLoad l) {
            // Pointer-sized fields follow the logger's pointer size: a 4-byte pointer is at most 0xFFFFFFFF.
            if (record.pointerSize() == 4) {
                assertThat(l.imageBase()).isBetween(0L, 0xFFFFFFFFL);
                assertThat(l.imageSize()).isBetween(0L, 0xFFFFFFFFL);
            }
        }
    }

    private static boolean handles(int[] ids, int id) {
        return IntStream.of(ids).anyMatch(i -> i == id);
    }
}
