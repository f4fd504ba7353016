package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;
import io.etw4j.json.OutputClosedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.samples.command.CommandRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLinesWriter} writes each record exactly as {@link TreeRecordJson} (the tree-based writer
 * the samples used before) serialises it, including the values the shared captures do not hold: activity ids, several
 * extended data items, missing pids, unsigned raw timestamps above 2^63, times outside years 0-9999, every header kind.
 */
class RecordJsonLinesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<EventRecord> records() {
        List<EventRecord> list = new ArrayList<>();
        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        int k = 0;
        for (HeaderKind kind : HeaderKind.values()) {
            list.add(EventRecord.builder().headerKind(kind)
                    .providerId(UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39"))
                    .descriptor(new EventDescriptor(0x0301 + k, 2, 16, 4, 1, 3, 0x8000000000000010L))
                    .flags(0xFFFF).eventProperty(0x1234)
                    .processId(k % 2 == 0 ? -1 : 812).threadId(k % 3 == 0 ? -1 : 4000).processorNumber(k)
                    .rawTimestamp(k % 2 == 0 ? 0xF000000000000001L : 133_000_000_000L + k)
                    .timestamp(k % 3 == 0 ? Instant.parse("+30828-09-14T02:48:05.4775807Z")
                            : Instant.parse("2024-05-01T10:15:30.1234567Z").plusNanos(k * 1_000_000L))
                    .activityId(k % 2 == 0 ? EventRecord.NULL_GUID
                            : UUID.fromString("00000001-0002-0003-0405-060708090a0b"))
                    .addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, new byte[] {1, 2, 3}))
                    .addExtendedData(new ExtendedDataItem(ExtendedDataItem.SID, new byte[0]))
                    .payload(k % 2 == 0 ? big : new byte[] {(byte) 0xe4, 0x0d, 0, 0, 0x41, 0})
                    .build());
            k++;
        }
        list.add(EventRecord.builder().headerKind(HeaderKind.EVENT).build());
        return list;
    }

    @Test
    void everyRecordIsWrittenAsTheTreeSerialisesIt() throws IOException {
        for (int hexBytes : new int[] {-1, 0, 4, 32, 1000}) {
            StringWriter out = new StringWriter();
            JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(out)).payloadHexBytes(hexBytes).build();
            StringBuilder expected = new StringBuilder();
            for (EventRecord r : records()) {
                lines.write(r);
                expected.append(MAPPER.writeValueAsString(TreeJsonLines.withSchema(TreeRecordJson.toJson(r, hexBytes)))).append('\n');
            }
            lines.flush();
            assertThat(lines.written()).isEqualTo(records().size());
            CommandRun.assertSameLines(out.toString(), expected.toString());
        }
    }

    @Test
    void aClosedOutputStopsTheWritingWithOutputClosed() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(closed)).payloadHexBytes(0).build();
        EventRecord r = records().get(0);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                lines.write(r);
            }
        }).isInstanceOf(OutputClosedException.class);
        assertThat(lines.written()).isEqualTo(256); // detected at the first check, not 1000 lines later
    }
}
