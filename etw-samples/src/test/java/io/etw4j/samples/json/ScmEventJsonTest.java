package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.samples.command.CommandRun;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScmEventJsonTest {

    private static final Instant T = Instant.parse("2024-05-01T10:15:30.5Z");
    private static final UUID MESSAGE_GUID = UUID.fromString("0E27A1A2-4F4C-3F5E-9D9C-8E9B2A7A1B2C");
    /** A WPP record as logged by services.exe (PID 812 is illustrative). */
    private static final EventRecord WPP = EventRecord.builder().headerKind(HeaderKind.MESSAGE)
            .providerId(MESSAGE_GUID).descriptor(EventDescriptor.ofId(0x28)).flags(EventRecord.FLAG_TRACE_MESSAGE)
            .processId(812).threadId(900).timestamp(T).payload(new byte[] {0x41, 0, 0, 0}).build();

    /** The seed's client: PID bytes e4 0d 00 00 = 3556 (DEVELOPERS.md). */
    private static final ClientProcess SEED_CLIENT = ClientProcess.ofPid(3556);

    /** The streamed line of {@code e} parsed back, after checking that it is the tree oracle's line byte for byte. */
    private static JsonNode json(io.etw4j.scm.ScmEvent e) {
        String line = Streamed.eventLine(e, JsonLinesWriter.DEFAULT_HEX_BYTES);
        StringWriter tree = new StringWriter();
        TreeJsonLines treeLines = new TreeJsonLines(new PrintWriter(tree), true);
        treeLines.write(TreeScmEventJson.toJson(e));
        assertThat(line + "\n").isEqualTo(tree.toString());
        return CommandRun.parseObject(line);
    }

    private static void assertCommon(JsonNode n, String type) {
        assertThat(n.get("type").asText()).isEqualTo(type);
        assertThat(n.get("time").asText()).isEqualTo("2024-05-01T10:15:30.500Z");
        assertThat(n.get("record").get("kind").asText()).isIn("MESSAGE", "EVENT");
        assertThat(n.get("record").get("provider").asText()).isNotEmpty();
    }

    @Test
    void serviceCreatedNamesClientServiceAndImage() {
        JsonNode n = json(new ServiceCreated(T, SEED_CLIENT, "EvilSvc", Optional.of(new ServiceImagePath(
                "C:\\Windows\\Temp\\evil.exe", ServiceImagePath.Origin.WPP_PAYLOAD)), OptionalInt.empty(),
                AttributionSource.SCM_WPP, Evidence.PUBLISHED_ARTICLE, WPP));
        assertCommon(n, "ServiceCreated");
        assertThat(n.get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(n.get("client").get("resolution").asText()).isEqualTo("PID_ONLY");
        assertThat(n.get("client").get("image").isNull()).isTrue();
        assertThat(n.get("client").get("startKey").isNull()).isTrue();
        assertThat(n.get("serviceName").asText()).isEqualTo("EvilSvc");
        assertThat(n.get("imagePath").asText()).isEqualTo("C:\\Windows\\Temp\\evil.exe");
        assertThat(n.get("imagePathOrigin").asText()).isEqualTo("WPP_PAYLOAD");
        assertThat(n.get("wowType").isNull()).isTrue();
        assertThat(n.get("evidence").asText()).isEqualTo("PUBLISHED_ARTICLE");
        assertThat(n.get("attributedBy").asText()).isEqualTo("SCM_WPP");
        assertThat(n.get("record").get("pid").asInt()).isEqualTo(812);
        assertThat(n.get("record").get("id").asInt()).isEqualTo(0x28);
        assertThat(n.get("record").get("provider").asText()).isEqualTo("0e27a1a2-4f4c-3f5e-9d9c-8e9b2a7a1b2c");
        assertThat(n.get("record").get("payloadHex").asText()).isEqualTo("41000000");
    }

    @Test
    void enrichedClientHasEveryField() {
        SecurityIdentifier system = SecurityIdentifier.of(new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0});
        ClientProcess c = new ClientProcess(3556, OptionalLong.of(0xE000000000000123L),
                Optional.of("C:\\Windows\\System32\\sc.exe"), Optional.of("sc.exe create x binPath= y"),
                OptionalInt.of(1200), Optional.of(system), Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
                ClientProcess.Resolution.PROCESS_TABLE);
        JsonNode n = Streamed.client(c);
        assertThat(n.get("pid").asInt()).isEqualTo(3556);
        assertThat(n.get("startKey").asText()).isEqualTo(Long.toUnsignedString(0xE000000000000123L));
        assertThat(n.get("startKey").isTextual()).isTrue();
        assertThat(n.get("image").asText()).isEqualTo("C:\\Windows\\System32\\sc.exe");
        assertThat(n.get("commandLine").asText()).isEqualTo("sc.exe create x binPath= y");
        assertThat(n.get("parentPid").asInt()).isEqualTo(1200);
        assertThat(n.get("sid").asText()).isEqualTo("S-1-5-18");
        assertThat(n.get("startTime").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(n.get("resolution").asText()).isEqualTo("PROCESS_TABLE");
    }

    @Test
    void unknownClientHasNullPidAndSameKeys() {
        JsonNode unknown = Streamed.client(ClientProcess.unknown());
        assertThat(unknown.get("pid").isNull()).isTrue();
        assertThat(unknown.get("resolution").asText()).isEqualTo("UNKNOWN");
        assertThat(RecordJsonTest.fieldNames(unknown))
                .isEqualTo(RecordJsonTest.fieldNames(Streamed.client(SEED_CLIENT)));
    }

    @Test
    void serviceStartedKeepsDetailsInOrder() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("LoadOrderGroup", "");
        details.put("SvchostGroup", "netsvcs");
        details.put("IsCritical", "0");
        JsonNode n = json(new ServiceStarted(T, SEED_CLIENT.withProcessStartKey(42L), "Spooler",
                AttributionSource.SERVICES_PROVIDER, details, Evidence.PUBLISHED_MANIFEST, true, WPP));
        assertCommon(n, "ServiceStarted");
        assertThat(n.get("serviceName").asText()).isEqualTo("Spooler");
        assertThat(n.get("attributedBy").asText()).isEqualTo("SERVICES_PROVIDER");
        assertThat(n.get("corroborated").asBoolean()).isTrue();
        assertThat(n.get("evidence").asText()).isEqualTo("PUBLISHED_MANIFEST");
        assertThat(n.get("client").get("startKey").asText()).isEqualTo("42");
        assertThat(RecordJsonTest.fieldNames(n.get("details")))
                .containsExactly("LoadOrderGroup", "SvchostGroup", "IsCritical");
        assertThat(n.get("details").get("SvchostGroup").asText()).isEqualTo("netsvcs");
    }

    @Test
    void serviceControlSentNamesTheControl() {
        JsonNode n = json(new ServiceControlSent(T, SEED_CLIENT, "Spooler", 1, Optional.of("Print Spooler"),
                AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, false, WPP));
        assertCommon(n, "ServiceControlSent");
        assertThat(n.get("control").asInt()).isEqualTo(1);
        assertThat(n.get("controlName").asText()).isEqualTo("STOP");
        assertThat(n.get("displayName").asText()).isEqualTo("Print Spooler");

        JsonNode userDefined = json(new ServiceControlSent(T, SEED_CLIENT, "X", 200, AttributionSource.SCM_WPP,
                Evidence.PUBLIC_DECOMPILATION, WPP));
        assertThat(userDefined.get("controlName").asText()).isEqualTo("USER_DEFINED");
        assertThat(userDefined.get("displayName").isNull()).isTrue();
        JsonNode unnamed = json(new ServiceControlSent(T, SEED_CLIENT, "X", 0x50, AttributionSource.SCM_WPP,
                Evidence.PUBLIC_DECOMPILATION, WPP));
        assertThat(unnamed.get("control").asInt()).isEqualTo(0x50);
        assertThat(unnamed.get("controlName").isNull()).isTrue();
    }

    @Test
    void serviceConfigChangedListsChanges() {
        JsonNode n = json(new ServiceConfigChanged(T, SEED_CLIENT, "Spooler", Map.of("NewStartType", "4"),
                AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, WPP));
        assertCommon(n, "ServiceConfigChanged");
        assertThat(n.get("changes").get("NewStartType").asText()).isEqualTo("4");
        assertThat(n.get("attributedBy").asText()).isEqualTo("SERVICES_PROVIDER");
    }

    @Test
    void serviceStatusChangedNamesStateAndStartType() {
        JsonNode n = json(new ServiceStatusChanged(T, ClientProcess.unknown(), "Spooler", 4, 2, OptionalInt.of(2044),
                Optional.of("C:\\Windows\\System32\\spoolsv.exe"), WPP));
        assertCommon(n, "ServiceStatusChanged");
        assertThat(n.get("client").get("pid").isNull()).isTrue();
        assertThat(n.get("state").asInt()).isEqualTo(4);
        assertThat(n.get("stateName").asText()).isEqualTo("RUNNING");
        assertThat(n.get("startType").asInt()).isEqualTo(2);
        assertThat(n.get("startTypeName").asText()).isEqualTo("AUTO_START");
        assertThat(n.get("servicePid").asInt()).isEqualTo(2044);
        assertThat(n.get("imageName").asText()).endsWith("spoolsv.exe");

        JsonNode sparse = json(new ServiceStatusChanged(T, ClientProcess.unknown(), "Spooler", 1, WPP));
        assertThat(sparse.get("stateName").asText()).isEqualTo("STOPPED");
        assertThat(sparse.get("startType").isNull()).isTrue();
        assertThat(sparse.get("startTypeName").isNull()).isTrue();
        assertThat(sparse.get("servicePid").isNull()).isTrue();
        assertThat(sparse.get("imageName").isNull()).isTrue();
        assertThat(RecordJsonTest.fieldNames(sparse)).isEqualTo(RecordJsonTest.fieldNames(n));
    }

    @Test
    void serviceOpenedAndDeletedNameTheService() {
        JsonNode opened = json(new ServiceOpened(T, SEED_CLIENT, "Spooler", AttributionSource.SCM_WPP,
                Evidence.CAPTURE, WPP));
        assertCommon(opened, "ServiceOpened");
        assertThat(opened.get("serviceName").asText()).isEqualTo("Spooler");
        JsonNode deleted = json(new ServiceDeleted(T, SEED_CLIENT, "EvilSvc", OptionalInt.of(5),
                AttributionSource.SCM_WPP, Evidence.CAPTURE, WPP));
        assertCommon(deleted, "ServiceDeleted");
        assertThat(deleted.get("serviceName").asText()).isEqualTo("EvilSvc");
        assertThat(deleted.get("attributedBy").asText()).isEqualTo("SCM_WPP");
        assertThat(deleted.get("error").asInt()).isEqualTo(5);
        assertThat(deleted.get("evidence").asText()).isEqualTo("CAPTURE");
    }

    @Test
    void driverLoadedJoinedToAStartNestsThatStart() {
        EventRecord imageLoad = EventRecord.builder().headerKind(HeaderKind.EVENT).timestamp(T)
                .providerId(UUID.fromString("22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716")).id(5).processId(0).build();
        ServiceStarted start = new ServiceStarted(T, SEED_CLIENT, "evildrv", AttributionSource.SERVICES_PROVIDER,
                Evidence.PUBLISHED_MANIFEST, WPP);
        JsonNode n = json(new DriverLoaded(T, SEED_CLIENT, "\\SystemRoot\\System32\\drivers\\evil.sys",
                0xFFFFF80312340000L, 0x7000, 0x1234, 0x5f000000L, Optional.of("evildrv"),
                Optional.of("System32\\drivers\\evil.sys"), Optional.of(start),
                DriverLoaded.Attribution.SERVICE_START, AttributionSource.CORRELATION, imageLoad));
        assertCommon(n, "DriverLoaded");
        assertThat(n.get("imagePath").asText()).isEqualTo("\\SystemRoot\\System32\\drivers\\evil.sys");
        assertThat(n.get("imageBase").asText()).isEqualTo("0xfffff80312340000");
        assertThat(n.get("imageSize").asLong()).isEqualTo(0x7000);
        assertThat(n.get("imageChecksum").asText()).isEqualTo("0x1234");
        assertThat(n.get("timeDateStamp").asLong()).isEqualTo(0x5f000000L);
        assertThat(n.get("serviceName").asText()).isEqualTo("evildrv");
        assertThat(n.get("serviceImagePath").asText()).isEqualTo("System32\\drivers\\evil.sys");
        assertThat(n.get("attribution").asText()).isEqualTo("SERVICE_START");
        assertThat(n.get("attributedBy").asText()).isEqualTo("CORRELATION");
        assertThat(n.get("serviceStart").get("type").asText()).isEqualTo("ServiceStarted");
        assertThat(n.get("serviceStart").get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(n.get("record").get("pid").asInt()).isEqualTo(0);
        assertThat(n.get("record").get("id").asInt()).isEqualTo(5);
    }

    @Test
    void unattributedDriverLoadHasNullJoinFields() {
        EventRecord imageLoad = EventRecord.builder().timestamp(T).processId(0).build();
        JsonNode n = json(new DriverLoaded(T, ClientProcess.unknown(), "\\??\\C:\\x.sys", 0x1000, 0x2000,
                Optional.empty(), DriverLoaded.Attribution.UNATTRIBUTED, imageLoad));
        assertThat(n.get("attribution").asText()).isEqualTo("UNATTRIBUTED");
        assertThat(n.get("attributedBy").asText()).isEqualTo("NONE");
        assertThat(n.get("serviceName").isNull()).isTrue();
        assertThat(n.get("serviceImagePath").isNull()).isTrue();
        assertThat(n.get("serviceStart").isNull()).isTrue();
        assertThat(n.get("client").get("pid").isNull()).isTrue();
    }

    @Test
    void unknownMessageKeepsPayloadStringsAndPidGuesses() {
        byte[] payload = new byte[300];
        payload[299] = 0x7f;
        JsonNode n = json(new UnknownScmMessage(T, ClientProcess.unknown(), 0x2a, MESSAGE_GUID,
                "message 0x2a not in the message table", payload, List.of("Spooler", "C:\\x.exe"), List.of(3556L),
                WPP));
        assertCommon(n, "UnknownScmMessage");
        assertThat(n.get("messageId").asInt()).isEqualTo(42);
        assertThat(n.get("messageIdHex").asText()).isEqualTo("0x2a");
        assertThat(n.get("messageGuid").asText()).isEqualTo("0e27a1a2-4f4c-3f5e-9d9c-8e9b2a7a1b2c");
        assertThat(n.get("reason").asText()).isEqualTo("message 0x2a not in the message table");
        assertThat(n.get("payloadSize").asInt()).isEqualTo(300);
        // The whole payload, not a prefix: this is the material for discovering the layout.
        assertThat(n.get("payloadHex").asText()).hasSize(600).endsWith("7f");
        assertThat(n.get("strings")).hasSize(2);
        assertThat(n.get("strings").get(1).asText()).isEqualTo("C:\\x.exe");
        assertThat(n.get("plausiblePids").get(0).asLong()).isEqualTo(3556L);
    }

    @Test
    void aStringWithANewlineStaysOnOneLine() {
        JsonNode n = json(new ServiceCreated(T, SEED_CLIENT, "two\nlines", Optional.of(new ServiceImagePath(
                "\"quoted\"\u0000", ServiceImagePath.Origin.WPP_PAYLOAD)), OptionalInt.empty(),
                AttributionSource.SCM_WPP, Evidence.PUBLISHED_ARTICLE, WPP));
        assertThat(n.get("serviceName").asText()).isEqualTo("two\nlines");
        assertThat(n.get("imagePath").asText()).isEqualTo("\"quoted\"\u0000");
    }
}
