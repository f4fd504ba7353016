package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.SyntheticEtl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EtlFile#scan}: the records, statistics and errors of {@link EtlFile#records()}, through a reused view. */
class EtlFileScanTest {

    private static final List<String> CAPTURES = List.of("AMSITrace.etl", "ShutdownPerfDiagLogger.etl",
            "lxcore_kernel.etl", "net.4.5.2.x64.etl", "powershell.etl");

    static Stream<Arguments> capturesAndOptions() {
        List<Arguments> all = new ArrayList<>();
        for (String c : CAPTURES) {
            for (boolean ts : new boolean[] {false, true}) {
                for (boolean strict : new boolean[] {false, true}) {
                    all.add(Arguments.of(c, ts, strict));
                }
            }
        }
        return all.stream();
    }

    private static EtlReadOptions options(boolean timestampOrder, boolean strict) {
        EtlReadOptions o = EtlReadOptions.defaults().withTimestampOrder(timestampOrder);
        return o.withStrict(strict);
    }

    private static Path capture(String name) {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null && Files.isRegularFile(dir.resolve(name)), "shared/etl/" + name);
        return dir.resolve(name);
    }

    @ParameterizedTest
    @MethodSource("capturesAndOptions")
    void everySharedCaptureScansAsItsRecords(String name, boolean timestampOrder, boolean strict) {
        int n = ScanEquivalence.check(EtlFile.open(capture(name), options(timestampOrder, strict)));
        assertThat(n).isGreaterThan(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void damagedCapturesScanAsTheirRecords(long seed) throws IOException {
        for (String name : List.of("ShutdownPerfDiagLogger.etl", "net.4.5.2.x64.etl")) {
            byte[] file = Files.readAllBytes(capture(name));
            Random random = new Random(seed);
            for (int hit = 0; hit < 4; hit++) { // past the first 64 KiB: the logfile header buffer stays readable
                int at = 0x10000 + random.nextInt(file.length - 0x10000 - 4096);
                byte[] noise = new byte[1 + random.nextInt(4096)];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, file, at, noise.length);
            }
            for (boolean ts : new boolean[] {false, true}) {
                for (boolean strict : new boolean[] {false, true}) {
                    ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(file), options(ts, strict)));
                }
            }
            byte[] cut = java.util.Arrays.copyOf(file, file.length - 1000); // truncated too
            ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(cut), options(true, false)));
            ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(cut), options(false, true)));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void syntheticEventsMessagesAndProcessorsScanAsTheirRecords(boolean strict) {
        UUID provider = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
        SyntheticEtl etl = new SyntheticEtl().numberOfProcessors(2);
        long t = etl.startQpc();
        etl.newBuffer(1);
        etl.event(e -> e.provider(provider).id(7).version(2).channel(16).level(4).opcode(1).task(9).keyword(0x8000L)
                .processId(4).threadId(8).timestamp(t + 30).activityId(UUID.randomUUID())
                .extendedData(0x0001, new byte[] {1, 2, 3}).extendedData(0x0009, new byte[16])
                .payload(new byte[] {9, 8, 7, 6, 5}));
        etl.message(m -> m.guid(provider).number(3).sequence(11).timestamp(t + 10).systemInfo(5, 6)
                .payload(new byte[] {1}));
        etl.newBuffer(0);
        etl.event(e -> e.provider(provider).id(1).timestamp(t + 20));
        etl.message(m -> m.componentId(0x1234).number(4).noTimestamp());
        byte[] image = etl.build();
        for (boolean ts : new boolean[] {false, true}) {
            assertThat(ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(image), options(ts, strict)))).isEqualTo(5);
        }
    }

    @Test
    void theFuzzFindingScansAsItsRecords() throws IOException {
        byte[] input;
        try (InputStream in = EtlFileScanTest.class.getResourceAsStream(
                "fuzz-findings/etl-strict-timestamp-order-drops-decoded-record")) {
            assertThat(in).isNotNull();
            input = in.readAllBytes();
        }
        for (boolean ts : new boolean[] {false, true}) {
            for (boolean strict : new boolean[] {false, true}) {
                // byte 0 is the fuzz target's option byte, the rest the image (EtlFileFuzzFindingsTest)
                ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(input, 1, input.length - 1), options(ts, strict)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aViewKeptPastItsScanFailsFast(boolean timestampOrder) {
        EtlFile etl = EtlFile.open(capture("AMSITrace.etl"), options(timestampOrder, false));
        List<RecordView> kept = new ArrayList<>();
        etl.scan(kept::add);
        assertThat(kept).hasSizeGreaterThan(1);
        for (RecordView v : List.of(kept.get(0), kept.get(kept.size() - 1))) {
            assertThatThrownBy(v::toRecord).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(v::payloadSize).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(v::rawTimestamp).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theViewIsReusedAndTheHeaderRecordComesFirst() {
        EtlFile etl = EtlFile.open(capture("ShutdownPerfDiagLogger.etl"));
        List<HeaderKind> kinds = new ArrayList<>();
        java.util.Set<RecordView> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        EtlReaderStatistics s = etl.scan(v -> {
            kinds.add(v.headerKind());
            distinct.add(v);
        });
        assertThat(kinds.get(0)).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(s.records()).isEqualTo(kinds.size());
        assertThat(distinct).hasSize(2); // the header record's view and the file-order cursor's
    }

    @Test
    void aVisitorExceptionEndsTheScanAndPropagates() {
        EtlFile etl = EtlFile.open(capture("AMSITrace.etl"));
        int[] calls = {0};
        assertThatThrownBy(() -> etl.scan(v -> {
            if (++calls[0] == 3) {
                throw new IllegalArgumentException("stop");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("stop");
        assertThat(calls[0]).isEqualTo(3);
        assertThat(etl.statistics().records()).isEqualTo(3);
    }
}
