package io.etw4j.json.internal;

import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.RecordView;
import io.etw4j.core.internal.ReadOnlyBytes;
import io.etw4j.core.internal.RecordBytes;
import java.util.List;

/**
 * A native JSON line of a plain record ({@code "etw4j.schema"} then the record object of {@link RecordJson#fields},
 * no {@code logfile}, payload text nor {@code decoded} member) written as UTF-8 bytes straight from a
 * {@link RecordView}: the names pre-encoded, every value one that needs no escaping (numbers, {@code null}, hex,
 * GUIDs, times, the header kind's name), so no generator and no character encoding is involved and nothing is
 * allocated per record (the view's extended data items aside, which it copies when a record has any). The bytes equal
 * what {@link RecordJson#fields} writes through Jackson for the same record and the output encodes as UTF-8 (a test
 * compares them over every shared capture).
 *
 * <p>Stateless: the line buffer belongs to the caller.
 */
public final class NativeRecordBytes {
    private static final byte[] START = JsonBytes.ascii("{\"etw4j.schema\":\"1\",\"kind\":\"");
    private static final byte[] TIME = JsonBytes.ascii("\",\"time\":");
    private static final byte[] RAW_TIME = JsonBytes.ascii(",\"rawTime\":\"");
    private static final byte[] PID = JsonBytes.ascii("\",\"pid\":");
    private static final byte[] TID = JsonBytes.ascii(",\"tid\":");
    private static final byte[] CPU = JsonBytes.ascii(",\"cpu\":");
    private static final byte[] PROVIDER = JsonBytes.ascii(",\"provider\":");
    private static final byte[] ID = JsonBytes.ascii(",\"id\":");
    private static final byte[] HOOK = JsonBytes.ascii(",\"hook\":");
    private static final byte[] GROUP = JsonBytes.ascii(",\"group\":");
    private static final byte[] NO_HOOK = JsonBytes.ascii(",\"hook\":null,\"group\":null");
    private static final byte[] VERSION = JsonBytes.ascii(",\"version\":");
    private static final byte[] LEVEL = JsonBytes.ascii(",\"level\":");
    private static final byte[] OPCODE = JsonBytes.ascii(",\"opcode\":");
    private static final byte[] TASK = JsonBytes.ascii(",\"task\":");
    private static final byte[] CHANNEL = JsonBytes.ascii(",\"channel\":");
    private static final byte[] KEYWORD = JsonBytes.ascii(",\"keyword\":");
    private static final byte[] FLAGS = JsonBytes.ascii(",\"flags\":");
    private static final byte[] EVENT_PROPERTY = JsonBytes.ascii(",\"eventProperty\":");
    private static final byte[] ACTIVITY_ID = JsonBytes.ascii(",\"activityId\":");
    private static final byte[] NULL = JsonBytes.ascii("null");
    private static final byte[] EXT = JsonBytes.ascii(",\"ext\":[");
    private static final byte[] TYPE = JsonBytes.ascii("{\"type\":");
    private static final byte[] SIZE = JsonBytes.ascii(",\"size\":");
    private static final byte[] HEX = JsonBytes.ascii(",\"hex\":");
    private static final byte[] PAYLOAD_SIZE = JsonBytes.ascii("],\"payloadSize\":");
    private static final byte[] PAYLOAD_HEX = JsonBytes.ascii(",\"payloadHex\":");

    /** The {@code kind} values by {@link HeaderKind#ordinal()}. */
    private static final byte[][] KIND_NAMES = kindNames();

    private NativeRecordBytes() {
    }

    private static byte[][] kindNames() {
        HeaderKind[] kinds = HeaderKind.values();
        byte[][] names = new byte[kinds.length][];
        for (HeaderKind k : kinds) {
            names[k.ordinal()] = JsonBytes.ascii(k.name());
        }
        return names;
    }

    /**
     * Appends the line of {@code v} (without its {@code \n}) to {@code b}.
     *
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     */
    public static void write(JsonBytes b, RecordView v, int hexBytes) {
        writeOpen(b, v, hexBytes);
        b.add('}');
    }

    /**
     * Appends the line of {@code v} without its closing brace (and {@code \n}), for a caller that adds members
     * after the record's own ({@code decoded}).
     *
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     */
    public static void writeOpen(JsonBytes b, RecordView v, int hexBytes) {
        HeaderKind kind = v.headerKind();
        b.add(START);
        b.add(KIND_NAMES[kind.ordinal()]);
        b.add(TIME);
        b.quotedFileTime(v.fileTime());
        b.add(RAW_TIME);
        b.unsignedDecimal(v.rawTimestamp());
        b.add(PID);
        pid(b, v.processId());
        b.add(TID);
        pid(b, v.threadId());
        b.add(CPU);
        b.decimal(v.processorNumber());
        b.add(PROVIDER);
        b.quotedUuidCached(v.providerIdMostSignificantBits(), v.providerIdLeastSignificantBits());
        int id = v.id();
        b.add(ID);
        b.decimal(id);
        if (RecordJson.isKernel(kind)) {
            // as RecordJson: the hook is at least 4 hex digits of the id as unsigned 32 bits, the group the task
            b.add(HOOK);
            b.quotedHex(id & 0xFFFFFFFFL, 4);
            b.add(GROUP);
            b.decimal(v.task());
        } else {
            b.add(NO_HOOK);
        }
        b.add(VERSION);
        b.decimal(v.version());
        b.add(LEVEL);
        b.decimal(v.level());
        b.add(OPCODE);
        b.decimal(v.opcode());
        b.add(TASK);
        b.decimal(v.task());
        b.add(CHANNEL);
        b.decimal(v.channel());
        b.add(KEYWORD);
        b.quotedHex(v.keyword(), 1);
        b.add(FLAGS);
        b.quotedHex(v.flags() & 0xFFFFL, 1);
        b.add(EVENT_PROPERTY);
        b.quotedHex(v.eventProperty() & 0xFFFFL, 1);
        b.add(ACTIVITY_ID);
        long amsb = v.activityIdMostSignificantBits();
        long alsb = v.activityIdLeastSignificantBits();
        if (amsb == 0 && alsb == 0) {
            b.add(NULL);
        } else {
            b.quotedUuid(amsb, alsb);
        }
        b.add(EXT);
        extendedData(b, v.extendedData()); // List.of() for a record without items: nothing allocated
        int size = v.payloadSize();
        b.add(PAYLOAD_SIZE);
        b.decimal(size);
        b.add(PAYLOAD_HEX);
        payloadHex(b, v, hexBytes < 0 ? size : Math.min(hexBytes, size));
    }

    /** The first {@code n} payload bytes as hex, copied out of the reader's buffer into {@code b}'s scratch. */
    private static void payloadHex(JsonBytes b, RecordView v, int n) {
        int at = b.hexRoom(n);
        if (n > 0) {
            byte[] payload = b.scratch(n);
            RecordBytes.copyPayload(v, payload, n);
            for (int i = 0; i < n; i++) {
                b.hexByte(at + 2 * i, payload[i]);
            }
        }
    }

    private static void extendedData(JsonBytes b, List<ExtendedDataItem> items) {
        for (int i = 0; i < items.size(); i++) {
            ExtendedDataItem item = items.get(i);
            if (i > 0) {
                b.add(',');
            }
            b.add(TYPE);
            b.decimal(item.type());
            b.add(SIZE);
            b.decimal(item.size());
            b.add(HEX);
            ReadOnlyBytes data = RecordBytes.data(item);
            int n = item.size();
            int at = b.hexRoom(n);
            for (int k = 0; k < n; k++) {
                b.hexByte(at + 2 * k, data.u8(k));
            }
            b.add('}');
        }
    }

    private static void pid(JsonBytes b, int pid) {
        if (pid < 0) {
            b.add(NULL);
        } else {
            b.decimal(pid);
        }
    }
}
