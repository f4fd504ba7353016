package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The record object as the streaming writer prints it (JSON-FORMAT.md, "The record object"). */
class RecordJsonTest {

    private static final UUID PROVIDER = UUID.fromString("EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39");

    @Test
    void manifestRecordMapsEveryHeaderField() {
        EventRecord r = EventRecord.builder()
                .headerKind(HeaderKind.EVENT)
                .providerId(PROVIDER)
                .descriptor(new EventDescriptor(204, 1, 16, 4, 0, 7, 0x8000000000000010L))
                .flags(EventRecord.FLAG_64_BIT_HEADER | EventRecord.FLAG_EXTENDED_INFO)
                .eventProperty(0)
                .processId(812).threadId(4000).processorNumber(3)
                .rawTimestamp(0xF000000000000001L) // above Long.MAX_VALUE when read as unsigned
                .timestamp(Instant.parse("2024-05-01T10:15:30.123456700Z"))
                .activityId(UUID.fromString("00000001-0002-0003-0405-060708090a0b"))
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY,
                        new byte[] {1, 0, 0, 0, 0, 0, 0, 0}))
                .payload(new byte[] {(byte) 0xe4, 0x0d, 0, 0, 0x41, 0})
                .build();
        JsonNode n = Streamed.record(r, JsonLinesWriter.DEFAULT_HEX_BYTES);
        assertThat(n.get("kind").asText()).isEqualTo("EVENT");
        assertThat(n.get("time").asText()).isEqualTo("2024-05-01T10:15:30.123456700Z");
        assertThat(n.get("rawTime").asText()).isEqualTo("17293822569102704641");
        assertThat(n.get("pid").asInt()).isEqualTo(812);
        assertThat(n.get("tid").asInt()).isEqualTo(4000);
        assertThat(n.get("cpu").asInt()).isEqualTo(3);
        assertThat(n.get("provider").asText()).isEqualTo("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
        assertThat(n.get("id").asInt()).isEqualTo(204);
        assertThat(n.get("hook").isNull()).isTrue();
        assertThat(n.get("group").isNull()).isTrue();
        assertThat(n.get("version").asInt()).isEqualTo(1);
        assertThat(n.get("channel").asInt()).isEqualTo(16);
        assertThat(n.get("level").asInt()).isEqualTo(4);
        assertThat(n.get("task").asInt()).isEqualTo(7);
        assertThat(n.get("keyword").asText()).isEqualTo("0x8000000000000010");
        assertThat(n.get("flags").asText()).isEqualTo("0x41");
        assertThat(n.get("activityId").asText()).isEqualTo("00000001-0002-0003-0405-060708090a0b");
        assertThat(n.get("ext")).hasSize(1);
        assertThat(n.get("ext").get(0).get("type").asInt()).isEqualTo(13);
        assertThat(n.get("ext").get(0).get("size").asInt()).isEqualTo(8);
        assertThat(n.get("ext").get(0).get("hex").asText()).isEqualTo("0100000000000000");
        assertThat(n.get("payloadSize").asInt()).isEqualTo(6);
        assertThat(n.get("payloadHex").asText()).isEqualTo("e40d00004100");
    }

    @Test
    void kernelRecordShowsItsHookAndGroup() {
        // EventDescriptor's documented kernel mapping: id = group << 8 | type, task = group, opcode = type.
        // Group 0x03 type 0x01 is the kernel Process/Start hook (illustrative values; only the mapping is tested).
        EventRecord r = EventRecord.builder().headerKind(HeaderKind.SYSTEM)
                .descriptor(new EventDescriptor(0x0301, 2, 0, 0, 0x01, 0x03, 0)).processId(4).threadId(8).build();
        JsonNode n = Streamed.record(r, 0);
        assertThat(n.get("hook").asText()).isEqualTo("0x0301");
        assertThat(n.get("group").asInt()).isEqualTo(3);
        assertThat(n.get("opcode").asInt()).isEqualTo(1);
        assertThat(n.get("id").asInt()).isEqualTo(0x301);
    }

    @Test
    void unknownPidTidAndNullActivityAreNull() {
        EventRecord r = EventRecord.builder().headerKind(HeaderKind.MESSAGE).build();
        JsonNode n = Streamed.record(r, 8);
        assertThat(n.get("pid").isNull()).isTrue();
        assertThat(n.get("tid").isNull()).isTrue();
        assertThat(n.get("activityId").isNull()).isTrue();
        assertThat(n.get("payloadHex").asText()).isEmpty();
        assertThat(n.get("ext").isArray()).isTrue();
        assertThat(n.get("ext")).isEmpty();
    }

    @Test
    void hexPrefixHonoursTheLimit() {
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        EventRecord r = EventRecord.builder().payload(payload).build();
        assertThat(Streamed.record(r, 4).get("payloadHex").asText()).isEqualTo("00010203");
        assertThat(Streamed.record(r, 0).get("payloadHex").asText()).isEmpty();
        assertThat(Streamed.record(r, -1).get("payloadHex").asText()).hasSize(200).endsWith("63");
        assertThat(Streamed.record(r, 1000).get("payloadHex").asText()).hasSize(200);
        assertThat(Streamed.record(r, 4).get("payloadSize").asInt()).isEqualTo(100);
    }

    @Test
    void everyRecordHasTheSameKeysInTheSameOrder() {
        JsonNode a = Streamed.record(EventRecord.builder().headerKind(HeaderKind.EVENT).build(), 0);
        JsonNode b = Streamed.record(EventRecord.builder().headerKind(HeaderKind.PERFINFO).processId(1)
                .build(), 0);
        assertThat(fieldNames(a)).isEqualTo(fieldNames(b));
    }

    static java.util.List<String> fieldNames(JsonNode n) {
        java.util.List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
