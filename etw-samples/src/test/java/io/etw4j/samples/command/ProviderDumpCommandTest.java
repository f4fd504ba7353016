package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.scm.ScmProviders;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provider-dump over the demo capture shipped in etw-samples (see etw-scm's test ScmDemoCapture for its records). */
class ProviderDumpCommandTest {

    @TempDir
    static Path dir;
    private static Path demo;

    @BeforeAll
    static void writeDemo() throws Exception {
        demo = dir.resolve("scm-demo.etl");
        try (InputStream in = DemoCapture.class.getResourceAsStream(DemoCapture.RESOURCE)) {
            assertThat(in).as("demo resource").isNotNull();
            Files.write(demo, in.readAllBytes());
        }
    }

    @Test
    void servicesProviderRecordsComeWithTheirStrings() {
        CommandRun run = CommandRun.run("provider-dump", "--replay", demo.toString(),
                "--guid", "{0063715B-EEDA-4007-9429-AD526F62696E}");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).isNotEmpty().allSatisfy(n ->
                assertThat(n.get("provider").asText()).isEqualTo("0063715b-eeda-4007-9429-ad526f62696e"));
        JsonNode start = lines.stream().filter(n -> n.get("id").asInt() == 204).findFirst().orElseThrow();
        assertThat(start.get("strings").findValuesAsText("value")).contains("evilsvc");
        // The first --hex-bytes bytes by default (32, as in every command); the strings come from the whole payload.
        assertThat(start.get("payloadSize").asInt()).isGreaterThan(HexBytesOption.DEFAULT);
        assertThat(start.get("payloadHex").asText()).hasSize(2 * HexBytesOption.DEFAULT);
        assertThat(run.err()).contains("provider-dump: " + lines.size() + " records matched");

        // --hex-bytes -1: the discovery tool shows every byte.
        CommandRun all = CommandRun.run("provider-dump", "--replay", demo.toString(),
                "--guid", "{0063715B-EEDA-4007-9429-AD526F62696E}", "--hex-bytes", "-1");
        JsonNode whole = all.jsonLines().stream().filter(n -> n.get("id").asInt() == 204).findFirst().orElseThrow();
        assertThat(whole.get("payloadHex").asText()).hasSize(2 * whole.get("payloadSize").asInt())
                .startsWith(start.get("payloadHex").asText());
    }

    @Test
    void wppRecordsCarryTheMessageGuidSoTheControlGuidAloneMatchesNothing() {
        CommandRun byControlGuid = CommandRun.run("provider-dump", "--replay", demo.toString(),
                "--guid", ScmProviders.SCM_WPP_CONTROL_GUID_TEXT);
        assertThat(byControlGuid.out()).isEmpty();
        assertThat(byControlGuid.err()).contains("0 records matched");

        CommandRun withWpp = CommandRun.run("provider-dump", "--replay", demo.toString(),
                "--guid", ScmProviders.SCM_WPP_CONTROL_GUID_TEXT, "--wpp");
        List<JsonNode> lines = withWpp.jsonLines();
        assertThat(lines).hasSize(1);
        JsonNode create = lines.get(0);
        assertThat(create.get("kind").asText()).isEqualTo("MESSAGE");
        assertThat(create.get("id").asInt()).isEqualTo(0x28);
        assertThat(create.get("strings").findValuesAsText("value"))
                .containsExactly("evilsvc", "C:\\Users\\bob\\AppData\\Local\\Temp\\evil.sys");
        // "evilsvc" + NUL in UTF-16LE is 16 bytes: the client PID (seed bytes e4 0d 00 00 = 3556) follows it.
        JsonNode pid = create.get("plausiblePids").get(0);
        assertThat(pid.get("offset").asInt()).isEqualTo(16);
        assertThat(pid.get("value").asInt()).isEqualTo(3556);
    }

    @Test
    void maxRecordsAndHexBytesAreHonoured() {
        CommandRun run = CommandRun.run("provider-dump", "--replay", demo.toString(), "--wpp",
                "--guid", "22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716", "--max-records", "2", "--hex-bytes", "4");
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(n -> assertThat(n.get("payloadHex").asText()).hasSize(8));
    }

    @Test
    void liveWithoutGuidIsAUsageError() {
        CommandRun run = CommandRun.run("provider-dump");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--guid, --provider or --attach is required");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(CommandRun.run("provider-dump", "--guid", "not-a-guid", "--replay", demo.toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CommandRun.run("provider-dump", "--guid", ScmProviders.SCM_WPP_CONTROL_GUID_TEXT,
                "--level", "7").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CommandRun.run("provider-dump", "--guid", ScmProviders.SCM_WPP_CONTROL_GUID_TEXT,
                "--keywords", "0xZZ").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void liveOnANonWindowsOsSaysSoAndFails() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name", "").startsWith("Windows"),
                "checks the non-Windows path; on Windows this would start a real session");
        CommandRun run = CommandRun.run("provider-dump", "--guid", ScmProviders.SCM_WPP_CONTROL_GUID_TEXT);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("needs Windows");
    }

    @Test
    void parseGuidTakesBracesAndAnyCase() {
        UUID expected = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
        assertThat(ProviderDumpCommand.parseGuid("{EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}")).isEqualTo(expected);
        assertThat(ProviderDumpCommand.parseGuid("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39")).isEqualTo(expected);
        assertThatThrownBy(() -> ProviderDumpCommand.parseGuid("ebcca1c2ab464a1d8c2a906c2ff25f39"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayFilterFollowsLevelAndKeywordRules() {
        EventRecord info = EventRecord.builder().descriptor(new EventDescriptor(1, 0, 0, 4, 0, 0, 0x10)).build();
        assertThat(ProviderDumpCommand.passes(info, TraceLevel.VERBOSE, -1L)).isTrue();
        assertThat(ProviderDumpCommand.passes(info, TraceLevel.WARNING, -1L)).isFalse();
        assertThat(ProviderDumpCommand.passes(info, TraceLevel.VERBOSE, 0x20)).isFalse();
        assertThat(ProviderDumpCommand.passes(info, TraceLevel.VERBOSE, 0x30)).isTrue();
        EventRecord levelZeroNoKeyword = EventRecord.builder().descriptor(EventDescriptor.ofId(9)).build();
        assertThat(ProviderDumpCommand.passes(levelZeroNoKeyword, TraceLevel.CRITICAL, 0x1)).isTrue();
    }
}
