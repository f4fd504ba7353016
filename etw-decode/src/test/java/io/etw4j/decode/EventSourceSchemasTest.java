package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** EventSource manifests learned from a synthetic stream of ManifestData records, then used to decode. */
class EventSourceSchemasTest {
    static final UUID ES = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    static final String XML = "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\">"
            + "<instrumentation><events><provider name=\"My-Source\" guid=\"{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}\">"
            + "<tasks><task name=\"Job\" value=\"1\"/></tasks>"
            + "<templates><template tid=\"JobArgs\"><data name=\"Id\" inType=\"win:Int32\"/>"
            + "<data name=\"Name\" inType=\"win:UnicodeString\"/></template></templates>"
            + "<events><event value=\"1\" version=\"0\" task=\"Job\" opcode=\"win:Start\" template=\"JobArgs\"/>"
            + "</events></provider></events></instrumentation></instrumentationManifest>";

    static EventRecord record(int id, int opcode, byte[] payload) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(ES)
                .descriptor(new EventDescriptor(id, id == 0xFFFE ? 1 : 0, 0, 4, opcode, id == 0xFFFE ? 0xFFFE : 1,
                        0)).flags(EventRecord.FLAG_64_BIT_HEADER).timestamp(Instant.EPOCH).payload(payload).build();
    }

    static List<EventRecord> manifestData(String xml, int chunks) {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        int per = (b.length + chunks - 1) / chunks;
        EventRecord[] out = new EventRecord[chunks];
        for (int i = 0; i < chunks; i++) {
            byte[] c = Arrays.copyOfRange(b, i * per, Math.min(b.length, (i + 1) * per));
            byte[] p = new byte[8 + c.length];
            p[0] = 1;
            p[1] = 1;
            p[3] = 0x5B;
            p[4] = (byte) chunks;
            p[6] = (byte) i;
            System.arraycopy(c, 0, p, 8, c.length);
            out[i] = record(0xFFFE, 0xFE, p);
        }
        return Arrays.asList(out);
    }

    static byte[] jobPayload() {
        byte[] name = "build\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] p = new byte[4 + name.length];
        p[0] = 42;
        System.arraycopy(name, 0, p, 4, name.length);
        return p;
    }

    @Test
    void eventsDecodeOnceTheChunkedManifestIsComplete() {
        EventSourceSchemas es = EventSourceSchemas.create();
        EventDecoder d = EventDecoder.builder().add(es).build();
        EventRecord job = record(1, 1, jobPayload());
        assertThat(d.decode(job).isDecoded()).isFalse();
        List<EventRecord> chunks = manifestData(XML, 3);
        d.decode(chunks.get(2));
        d.decode(chunks.get(0));
        d.decode(chunks.get(0));
        assertThat(d.decode(job).isDecoded()).as("one chunk still missing").isFalse();
        DecodedEvent md = d.decode(chunks.get(1));
        assertThat(md.eventName()).contains("ManifestData");
        assertThat(md.fields()).containsEntry("Magic", 0x5BL).containsEntry("TotalChunks", 3L)
                .containsEntry("ChunkNumber", 1L);
        DecodedEvent e = d.decode(job);
        assertThat(e.errors()).isEmpty();
        assertThat(e.providerName()).contains("My-Source");
        assertThat(e.eventName()).contains("Job/Start");
        assertThat(e.schema().get().origin()).isEqualTo(SchemaOrigin.EVENTSOURCE);
        assertThat(e.fields()).containsEntry("Id", 42L).containsEntry("Name", "build");
        assertThat(es.providers()).containsEntry(ES, "My-Source");
        assertThat(es.problems()).isEmpty();
    }

    @Test
    void aBrokenManifestIsReportedAndIgnored() {
        EventSourceSchemas es = EventSourceSchemas.create();
        EventDecoder d = EventDecoder.builder().add(es).build();
        manifestData(XML.substring(0, XML.length() - 10), 2).forEach(d::decode);
        assertThat(d.decode(record(1, 1, jobPayload())).isDecoded()).isFalse();
        assertThat(es.problems()).singleElement().asString().contains("not well-formed");
        manifestData(XML, 1).forEach(d::decode);
        assertThat(d.decode(record(1, 1, jobPayload())).isDecoded()).isTrue();
    }
}
