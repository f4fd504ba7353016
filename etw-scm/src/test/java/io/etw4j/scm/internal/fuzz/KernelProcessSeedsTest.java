package io.etw4j.scm.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed seeds of {@link ScmDecodersFuzzTest#kernelProcessDecoder} are what their names say: each one, read
 * as the fuzz target reads it, decodes to a typed record of the named event and version (never to
 * {@code Undecodable}), so the fuzzer starts from every published layout, including the newest versions.
 */
class KernelProcessSeedsTest {
    private static final String DIR = "/io/etw4j/scm/internal/fuzz/ScmDecodersFuzzTestInputs/kernelProcessDecoder";
    private static final Pattern NAME = Pattern.compile("seed-(process-start|process-stop|process-rundown|image-load)"
            + "-v(\\d+)(-.*)?");

    @Test
    void everyKernelProcessSeedDecodesToTheEventAndVersionItsNameGives() throws IOException, URISyntaxException {
        Path dir = Path.of(KernelProcessSeedsTest.class.getResource(DIR).toURI());
        List<Path> seeds;
        try (Stream<Path> s = Files.list(dir)) {
            seeds = s.sorted().toList();
        }
        assertThat(seeds).extracting(p -> p.getFileName().toString()).contains("seed-process-start-v4",
                "seed-process-start-v5", "seed-process-rundown-v2", "seed-process-rundown-v3", "seed-process-stop-v2");

        for (Path seed : seeds) {
            String name = seed.getFileName().toString();
            Matcher m = NAME.matcher(name);
            assertThat(m.matches()).as("seed name %s", name).isTrue();
            FuzzInput in = new FuzzInput(Files.readAllBytes(seed));
            int id = FuzzRecords.id(in.u16(), FuzzRecords.KERNEL_IDS);
            int version = FuzzRecords.version(in.u8());
            int bits = in.u8();
            EventRecord record = FuzzRecords.record(KernelProcessProvider.GUID, false, id, version, bits, 0, 4,
                    Instant.parse("2024-05-01T10:00:00Z"), in.rest());

            KernelProcessRecord decoded = new KernelProcessRecords().decode(record).orElseThrow();

            assertThat(version).as(name).isEqualTo(Integer.parseInt(m.group(2)));
            assertThat(decoded).as(name).isNotInstanceOf(KernelProcessRecord.Undecodable.class);
            switch (m.group(1)) {
                case "process-start":
                    assertThat(id).as(name).isEqualTo(KernelProcessProvider.PROCESS_START);
                    assertThat(((KernelProcessRecord.ProcessStart) decoded).rundown()).as(name).isFalse();
                    break;
                case "process-rundown":
                    assertThat(id).as(name).isEqualTo(KernelProcessProvider.PROCESS_RUNDOWN);
                    assertThat(((KernelProcessRecord.ProcessStart) decoded).rundown()).as(name).isTrue();
                    break;
                case "process-stop":
                    assertThat(id).as(name).isEqualTo(KernelProcessProvider.PROCESS_STOP);
                    assertThat(decoded).as(name).isInstanceOf(KernelProcessRecord.ProcessStop.class);
                    break;
                default:
                    assertThat(id).as(name).isEqualTo(KernelProcessProvider.IMAGE_LOAD);
                    assertThat(decoded).as(name).isInstanceOf(KernelProcessRecord.ImageLoad.class);
            }
        }
    }
}
