package io.etw4j.scm;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.testing.SyntheticEtl;
import io.etw4j.scm.demo.ScmDemoCapture;
import io.etw4j.scm.internal.wpp.SeedCapture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScmMonitor#replay(Path)} and {@link ScmMonitorBuilder#replay(java.nio.ByteBuffer)}: .etl images through
 * etw-core's reader.
 */
class ScmMonitorReplayTest {
    static final UUID MESSAGE_GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");

    @TempDir
    Path dir;

    /** A .etl file holding one WPP MESSAGE record: message 0x28 with the seed payload, logged by services.exe. */
    private Path seedEtl(byte[] payload) {
        SyntheticEtl etl = new SyntheticEtl();
        long t = etl.startQpc() + 50_000_000L; // 5 s after the start at 10 MHz
        etl.message(m -> m.guid(MESSAGE_GUID).number(0x28).sequence(7).timestamp(t).systemInfo(700, 708)
                .payload(payload));
        return etl.writeTo(dir.resolve("seed.etl"));
    }

    /**
     * A .etl file of a current build (public decompilation layouts), one message GUID per services.exe source file:
     * a create (0x28: name, WOW type, PID), two starts on one RPC thread (0x0c request, 0x0d outcome, 0x0e client
     * SID), and a control (0x73, with a 64-bit pointer).
     */
    private Path currentBuildEtl() {
        UUID createFile = UUID.fromString("119db94a-0000-4000-8000-000000000001");
        UUID startFile = UUID.fromString("91aecf8c-0000-4000-8000-000000000002");
        UUID controlFile = UUID.fromString("a8d36da9-0000-4000-8000-000000000003");
        String sid = "S-1-5-21-1004336348-1177238915-682003330-1001";
        SyntheticEtl etl = new SyntheticEtl();
        long t = etl.startQpc() + 10_000_000L;
        int[] seq = {1};
        java.util.function.BiConsumer<UUID, Object[]> msg = (guid, a) -> etl.message(m -> m.guid(guid)
                .number((Integer) a[0]).sequence(seq[0]++).timestamp(t + (Long) a[1]).systemInfo(700, (Integer) a[2])
                .payload((byte[]) a[3]));
        msg.accept(createFile, new Object[] {0x28, 0L, 900, le().utf16z("newsvc").u32(0).u32(5124).bytes()});
        for (long base : new long[] {1_000_000L, 2_000_000L}) {
            msg.accept(startFile, new Object[] {0x0c, base, 904, le().utf16z("newsvc").u32(5124).bytes()});
            msg.accept(startFile, new Object[] {0x0d, base + 1000, 904, le().utf16z("newsvc").u32(0).u32(0).bytes()});
            msg.accept(startFile, new Object[] {0x0e, base + 2000, 904, le().utf16z("newsvc").utf16z(sid).bytes()});
        }
        msg.accept(controlFile, new Object[] {0x73, 3_000_000L, 908, le().u32(1).utf16z("newsvc").u32(5124)
                .u64(0xFFFF_A000_1234_0000L).u64(77).bytes()});
        return etl.writeTo(dir.resolve("current.etl"));
    }

    @Test
    void aReplayOfACurrentBuildGivesEveryActWithItsEvidence() {
        ScmMonitor monitor = ScmMonitor.replay(currentBuildEtl());

        List<ScmEvent> events = monitor.events().collectList().block();

        ServiceCreated created = only(events, ServiceCreated.class);
        assertThat(created.client().pid()).isEqualTo(5124);
        assertThat(created.wowType()).hasValue(0);
        assertThat(created.imagePath()).as("no source in this capture names the path").isEmpty();
        assertThat(created.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        assertThat(events.stream().filter(ServiceStarted.class::isInstance).map(ServiceStarted.class::cast).toList())
                .as("both starts: the first held until its 0x0d told the file").hasSize(2)
                .allSatisfy(s -> assertThat(s.client().pid()).isEqualTo(5124));
        assertThat(events).filteredOn(UnknownScmMessage.class::isInstance).isEmpty();
        List<ServiceStartResult> results = events.stream().filter(ServiceStartResult.class::isInstance)
                .map(ServiceStartResult.class::cast).toList();
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.clientSid()).isPresent();
            assertThat(r.client().pid()).isEqualTo(5124);
        });
        assertThat(monitor.statistics().ambiguousDecidedLater()).isEqualTo(1);
        ServiceControlSent control = only(events, ServiceControlSent.class);
        assertThat(control.control()).isEqualTo(1);
        assertThat(control.client().pid()).isEqualTo(5124);
        assertThat(monitor.learnedFileGuids()).containsOnlyKeys("119db94a", "91aecf8c", "a8d36da9");
        assertThat(monitor.statistics().scmWppContention()).as("a replay has no session to contend for").isEmpty();
    }

    @Test
    void aReplayedWppMessage0x28WithTheSeedPayloadIsAServiceCreatedByPid3556() {
        ScmMonitor monitor = ScmMonitor.replay(seedEtl(SeedCapture.payload()));

        List<ScmEvent> events = monitor.events().collectList().block();

        assertThat(events).hasSize(1);
        ServiceCreated c = (ServiceCreated) events.get(0);
        assertThat(c.client().pid()).isEqualTo(3556); // bytes e4 0d 00 00; the article's "3356" is a slip
        assertThat(c.serviceName()).isEqualTo("evilsvc");
        assertThat(c.imagePath().map(ServiceImagePath::path)).contains("C:\\drv\\evil.sys");
        assertThat(c.evidence()).isEqualTo(Evidence.PUBLISHED_ARTICLE);
        assertThat(c.source().headerKind()).isEqualTo(HeaderKind.MESSAGE);
        assertThat(c.source().processId()).as("the header PID is services.exe's").isEqualTo(700);
        assertThat(c.source().providerId()).isEqualTo(MESSAGE_GUID);
        assertThat(c.timestamp()).isEqualTo(new SyntheticEtl().startTime().plusSeconds(5));
        assertThat(monitor.messageGuidsSeen()).containsExactly(MESSAGE_GUID);
    }

    @Test
    void aReplayedTruncatedSeedIsUnknownWithItsRawBytes() {
        byte[] cut = Arrays.copyOf(SeedCapture.payload(), 19);

        List<ScmEvent> events = ScmMonitor.replay(seedEtl(cut)).events().collectList().block();

        assertThat(events).hasSize(1);
        UnknownScmMessage u = (UnknownScmMessage) events.get(0);
        assertThat(u.messageId()).isEqualTo(0x28);
        assertThat(u.payload()).isEqualTo(cut);
        assertThat(u.strings()).containsExactly("evilsvc");
    }

    @Test
    void theDemoCaptureTellsTheWholeDriverInstall() {
        List<ScmEvent> events = ScmMonitor.builder().replay(java.nio.ByteBuffer.wrap(ScmDemoCapture.build())).events()
                .collectList().block();

        assertThat(events).hasSize(3);
        ServiceCreated created = only(events, ServiceCreated.class);
        assertThat(created.serviceName()).isEqualTo(ScmDemoCapture.SERVICE);
        assertThat(created.imagePath().map(ServiceImagePath::path)).contains(ScmDemoCapture.DRIVER_AS_CREATED);
        assertThat(created.client().pid()).isEqualTo(3556);
        assertThat(created.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
        assertThat(created.client().imagePath()).contains(ScmDemoCapture.INSTALLER_IMAGE);
        assertThat(created.client().parentPid()).hasValue(ScmDemoCapture.EXPLORER);
        assertThat(created.source().providerId()).isEqualTo(ScmDemoCapture.DEMO_MESSAGE_GUID);

        ServiceStarted started = only(events, ServiceStarted.class);
        assertThat(started.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER);
        assertThat(started.client().pid()).isEqualTo(3556);
        assertThat(started.client().processStartKey()).hasValue(ScmDemoCapture.INSTALLER_KEY);

        DriverLoaded driver = only(events, DriverLoaded.class);
        assertThat(driver.imagePath()).isEqualTo(ScmDemoCapture.DRIVER_AS_LOADED);
        assertThat(driver.attribution()).isEqualTo(DriverLoaded.Attribution.SERVICE_START);
        assertThat(driver.serviceName()).contains(ScmDemoCapture.SERVICE);
        assertThat(driver.client().pid()).isEqualTo(3556);
        assertThat(driver.client().imagePath()).contains(ScmDemoCapture.INSTALLER_IMAGE);
        assertThat(driver.source().processId()).as("a driver load is logged by the System process").isEqualTo(4);
    }

    @Test
    void aFileThatCannotBeOpenedIsATypedError() {
        assertThatThrownBy(() -> ScmMonitor.replay(dir.resolve("missing.etl")))
                .isInstanceOf(io.etw4j.core.etl.EtlIoException.class);
    }

    /** Two buffers of 0x1000 bytes: the seed message in buffer 0 (after the logfile header), another in buffer 1. */
    private byte[] twoBufferSeed() throws java.io.IOException {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000);
        long t = etl.startQpc() + 50_000_000L;
        etl.message(m -> m.guid(MESSAGE_GUID).number(0x28).sequence(7).timestamp(t).systemInfo(700, 708)
                .payload(SeedCapture.payload()));
        etl.newBuffer(0).message(m -> m.guid(MESSAGE_GUID).number(0x28).sequence(8).timestamp(t + 1000)
                .systemInfo(700, 708).payload(SeedCapture.payload()));
        byte[] image = java.nio.file.Files.readAllBytes(etl.writeTo(dir.resolve("two.etl")));
        assertThat(image).hasSize(2 * 0x1000);
        return image;
    }

    @Test
    void aReplayOfADamagedFileSaysWhatTheReaderLost() throws Exception {
        byte[] image = twoBufferSeed();
        ScmMonitor intact = ScmMonitor.replay(dir.resolve("two.etl"));
        assertThat(intact.statistics().etlReader()).as("before the first subscription").isEmpty();
        assertThat(intact.events().collectList().block()).hasSize(2);
        assertThat(intact.statistics().etlReader()).hasValueSatisfying(r -> assertThat(r.damaged()).isFalse());

        java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x1000, 0x7FFF_FFF0); // BufferSize
        Path damaged = java.nio.file.Files.write(dir.resolve("damaged.etl"), image);
        ScmMonitor monitor = ScmMonitor.replay(damaged);
        assertThat(monitor.events().collectList().block()).hasSize(1);
        io.etw4j.core.etl.EtlReaderStatistics r = monitor.statistics().etlReader().orElseThrow();
        assertThat(r.damaged()).isTrue();
        assertThat(r.buffersSkipped()).isEqualTo(1);
        assertThat(r.lostRanges()).containsExactly(new io.etw4j.core.etl.EtlLostRange(0x1000, 0x2000));

        ScmMonitor strict = ScmMonitor.builder().replay(damaged, io.etw4j.core.etl.EtlReadOptions.defaults()
                .withStrict(true));
        List<ScmEvent> before = new java.util.ArrayList<>();
        assertThatThrownBy(() -> strict.events().doOnNext(before::add).blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(io.etw4j.core.etl.EtlErrorKind.BAD_BUFFER_HEADER));
    }

    @Test
    void aReplayOfATruncatedFileSaysSo() throws Exception {
        byte[] image = twoBufferSeed();
        Path cut = java.nio.file.Files.write(dir.resolve("cut.etl"), Arrays.copyOf(image, 0x1000));
        ScmMonitor monitor = ScmMonitor.replay(cut);
        assertThat(monitor.events().collectList().block()).hasSize(1);
        io.etw4j.core.etl.EtlReaderStatistics r = monitor.statistics().etlReader().orElseThrow();
        assertThat(r.truncated()).isTrue();
        assertThat(r.buffersExpected()).isEqualTo(2);
        assertThat(r.buffersFound()).isEqualTo(1);

        assertThatThrownBy(() -> ScmMonitor.builder().replay(cut, io.etw4j.core.etl.EtlReadOptions.defaults()
                .withStrict(true)).events().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(io.etw4j.core.etl.EtlErrorKind.TRUNCATED_FILE));
    }

    private static <T extends ScmEvent> T only(List<ScmEvent> events, Class<T> type) {
        List<T> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
