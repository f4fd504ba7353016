package io.etw4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.json.schema.SharedSchemas;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Device paths become drive paths from the trace's own volume records, a given table, or stay as they are. */
class DevicePathsTest {

    @Test
    void aGivenTableMapsTheLongestMatchingDeviceCaseInsensitively() {
        DevicePaths p = DevicePaths.of(Map.of("\\Device\\HarddiskVolume1", "D:", "\\Device\\HarddiskVolume10", "E:"));
        DevicePaths.Mapped m = p.map("\\device\\harddiskvolume10\\Windows\\x.sys");
        assertThat(m.path()).isEqualTo("E:\\Windows\\x.sys");
        assertThat(m.devicePath()).contains("\\device\\harddiskvolume10\\Windows\\x.sys");
        assertThat(m.source()).isEqualTo(DevicePaths.GIVEN);
        assertThat(p.map("\\Device\\HarddiskVolume1\\a").path()).isEqualTo("D:\\a");
        // a device that is only a prefix of the name is not that device
        DevicePaths.Mapped other = p.map("\\Device\\HarddiskVolume100\\a");
        assertThat(other.path()).isEqualTo("\\Device\\HarddiskVolume100\\a");
        assertThat(other.source()).isEqualTo(DevicePaths.UNMAPPED);
    }

    @Test
    void drivePathsAndTheDosDevicesFormAreKeptAsLogged() {
        DevicePaths.Mapped dos = DevicePaths.none().map("\\??\\C:\\Windows\\evil.sys");
        assertThat(dos.path()).isEqualTo("C:\\Windows\\evil.sys");
        assertThat(dos.devicePath()).contains("\\??\\C:\\Windows\\evil.sys");
        assertThat(dos.source()).isEqualTo(DevicePaths.AS_LOGGED);
        DevicePaths.Mapped plain = DevicePaths.none().map("C:\\x.exe");
        assertThat(plain.path()).isEqualTo("C:\\x.exe");
        assertThat(plain.devicePath()).isEmpty();
        assertThat(plain.source()).isEqualTo(DevicePaths.AS_LOGGED);
        DevicePaths.Mapped device = DevicePaths.none().map("\\Device\\HarddiskVolume3\\x.exe");
        assertThat(device.path()).isEqualTo("\\Device\\HarddiskVolume3\\x.exe");
        assertThat(device.source()).isEqualTo(DevicePaths.UNMAPPED);
    }

    @Test
    void offWindowsTheHostKnowsNoDevice() {
        assumeTrue(!System.getProperty("os.name", "").startsWith("Windows"), "a Windows host has devices");
        assertThat(DevicePaths.host().size()).isZero();
        assertThat(DevicePaths.host().map("\\Device\\HarddiskVolume3\\a").source()).isEqualTo(DevicePaths.UNMAPPED);
    }

    @Test
    void theNetCaptureMapsItsImagesWithItsOwnVolumeRecords() {
        Optional<Path> etl = SharedSchemas.etl("net.4.5.2.x64.etl");
        assumeTrue(etl.isPresent(), "shared/etl/net.4.5.2.x64.etl not found");
        DevicePaths p = DevicePaths.fromTrace(EtlFile.open(etl.get()));
        // its nine KernelTraceControl SysConfig VolumeMapping records (KernelMofNetCaptureTest counts them)
        assertThat(p.size()).isBetween(1, 9);
        List<JsonNode> lines = MappingsMatchPublishedSchemasTest.lines(
                MappingsMatchPublishedSchemasTest.recordLines(etl.get(), JsonFormat.ECS, 200_000));
        List<JsonNode> images = lines.stream().filter(l -> l.path("dll").has("path")).toList();
        assertThat(images).isNotEmpty();
        long mapped = images.stream().filter(l -> l.path("etw4j").path("file").path("path_source").asText()
                .equals(DevicePaths.TRACE)).count();
        assertThat(mapped).isPositive();
        JsonNode one = images.stream().filter(l -> l.path("etw4j").path("file").path("path_source").asText()
                .equals(DevicePaths.TRACE)).findFirst().orElseThrow();
        assertThat(one.path("dll").path("path").asText()).matches("^[A-Za-z]:\\\\.*");
        assertThat(one.path("etw4j").path("file").path("device_path").asText()).startsWith("\\Device\\");
    }

    @Test
    void aCaptureWithoutVolumeRecordsKeepsItsDevicePathsAndSaysSo() {
        Optional<Path> etl = SharedSchemas.etl("ShutdownPerfDiagLogger.etl");
        assumeTrue(etl.isPresent(), "shared/etl/ShutdownPerfDiagLogger.etl not found");
        assertThat(DevicePaths.fromTrace(EtlFile.open(etl.get())).size()).isZero();
        List<JsonNode> lines = MappingsMatchPublishedSchemasTest.lines(
                MappingsMatchPublishedSchemasTest.recordLines(etl.get(), JsonFormat.OCSF, 20_000));
        List<JsonNode> modules = lines.stream().filter(l -> l.path("class_uid").asInt() == 1005).toList();
        assertThat(modules).isNotEmpty().allSatisfy(l -> {
            String path = l.path("module").path("file").path("path").asText();
            if (path.startsWith("\\Device\\")) {
                assertThat(l.path("unmapped").path("etw4j").path("file").path("path_source").asText())
                        .isEqualTo(DevicePaths.UNMAPPED);
                assertThat(l.path("unmapped").path("etw4j").path("file").path("device_path").asText()).isEqualTo(path);
            }
        });
    }
}
