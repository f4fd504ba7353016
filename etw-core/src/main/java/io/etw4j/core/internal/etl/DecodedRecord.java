package io.etw4j.core.internal.etl;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.etl.RecordView;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.core.internal.TimestampConverter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The record a {@link RecordCursor} decoded last, as {@link RecordDecoder} wrote it: the header fields, and where the
 * extended data items and the payload lie in the cursor's buffer. The one result of the one parser: the scan hands it
 * out as a {@link RecordView}, the copy path turns it into an {@link EventRecord} with {@link #toRecord()}. Mutable,
 * reused for every record of its cursor; one reader thread.
 */
final class DecodedRecord implements RecordView {
    static {
        RecordBytes.installViewPayloadCopy((view, dst, n) -> ((DecodedRecord) view).copyPayload(dst, n));
    }

    private final TimestampConverter time;
    /** False once the scan that handed this view out has ended: every accessor then throws. */
    private boolean live = true;
    /** The logfile header record (emitted as built by LogfileHeaderParser), else null. */
    private EventRecord prebuilt;

    HeaderKind kind;
    long providerMsb;
    long providerLsb;
    /** The provider UUID when the decoder has one cached (kernel class GUIDs), else null: built from the bits. */
    UUID provider;
    /** The descriptor when the decoder has one cached (kernel records), else null: built from the fields. */
    EventDescriptor cachedDescriptor;
    int id;
    int version;
    int channel;
    int level;
    int opcode;
    int task;
    long keyword;
    int flags;
    int property;
    int pid;
    int tid;
    long raw;
    long activityMsb;
    long activityLsb;
    int processor;
    byte[] data;
    /** Where the first extended data item header starts (validated by the decoder), or -1 without items. */
    int extStart = -1;
    int payloadStart;
    int payloadEnd;

    DecodedRecord(TimestampConverter time) {
        this.time = time;
    }

    /** Holds {@code r} (the logfile header record): the accessors answer from its fields, {@link #toRecord()} is it. */
    DecodedRecord of(EventRecord r) {
        prebuilt = r;
        kind = r.headerKind();
        provider = r.providerId();
        providerMsb = provider.getMostSignificantBits();
        providerLsb = provider.getLeastSignificantBits();
        cachedDescriptor = r.descriptor();
        EventDescriptor d = r.descriptor();
        descriptor(d.id(), d.version(), d.channel(), d.level(), d.opcode(), d.task(), d.keyword());
        flags = r.flags();
        property = r.eventProperty();
        pid = r.processId();
        tid = r.threadId();
        raw = r.rawTimestamp();
        activityMsb = r.activityId().getMostSignificantBits();
        activityLsb = r.activityId().getLeastSignificantBits();
        processor = r.processorNumber();
        data = r.payload();
        extStart = -1;
        payloadStart = 0;
        payloadEnd = data.length;
        return this;
    }

    void descriptor(int id, int version, int channel, int level, int opcode, int task, long keyword) {
        this.id = id;
        this.version = version;
        this.channel = channel;
        this.level = level;
        this.opcode = opcode;
        this.task = task;
        this.keyword = keyword;
    }

    /** Ends this view's life: accessors throw from now on. */
    void invalidate() {
        live = false;
    }

    private void check() {
        if (!live) {
            throw new IllegalStateException("a RecordView is valid only during its callback: keep toRecord() instead");
        }
    }

    @Override
    public HeaderKind headerKind() {
        check();
        return kind;
    }

    @Override
    public long providerIdMostSignificantBits() {
        check();
        return providerMsb;
    }

    @Override
    public long providerIdLeastSignificantBits() {
        check();
        return providerLsb;
    }

    @Override
    public UUID providerId() {
        check();
        return provider != null ? provider : uuid(providerMsb, providerLsb);
    }

    private static UUID uuid(long msb, long lsb) {
        return msb == 0 && lsb == 0 ? EventRecord.NULL_GUID : new UUID(msb, lsb);
    }

    @Override
    public int id() {
        check();
        return id;
    }

    @Override
    public int version() {
        check();
        return version;
    }

    @Override
    public int channel() {
        check();
        return channel;
    }

    @Override
    public int level() {
        check();
        return level;
    }

    @Override
    public int opcode() {
        check();
        return opcode;
    }

    @Override
    public int task() {
        check();
        return task;
    }

    @Override
    public long keyword() {
        check();
        return keyword;
    }

    @Override
    public EventDescriptor descriptor() {
        check();
        return cachedDescriptor != null ? cachedDescriptor
                : new EventDescriptor(id, version, channel, level, opcode, task, keyword);
    }

    @Override
    public int flags() {
        check();
        return flags;
    }

    @Override
    public int eventProperty() {
        check();
        return property;
    }

    @Override
    public int processId() {
        check();
        return pid;
    }

    @Override
    public int threadId() {
        check();
        return tid;
    }

    @Override
    public int processorNumber() {
        check();
        return processor;
    }

    @Override
    public long rawTimestamp() {
        check();
        return raw;
    }

    @Override
    public long fileTime() {
        check();
        return prebuilt != null ? io.etw4j.core.internal.FileTimes.fromInstant(prebuilt.timestamp())
                : time.toFileTime(raw);
    }

    @Override
    public Instant timestamp() {
        check();
        return prebuilt != null ? prebuilt.timestamp() : time.toInstant(raw);
    }

    @Override
    public long activityIdMostSignificantBits() {
        check();
        return activityMsb;
    }

    @Override
    public long activityIdLeastSignificantBits() {
        check();
        return activityLsb;
    }

    @Override
    public UUID activityId() {
        check();
        return uuid(activityMsb, activityLsb);
    }

    @Override
    public List<ExtendedDataItem> extendedData() {
        check();
        if (prebuilt != null) {
            return prebuilt.extendedData();
        }
        return items();
    }

    /** The extended data items the decoder validated, copied out of the buffer (same walk as the decoder's). */
    private List<ExtendedDataItem> items() {
        if (extStart < 0) {
            return List.of();
        }
        List<ExtendedDataItem> items = new ArrayList<>(2);
        int p = extStart;
        while (true) {
            int extType = EtlLayout.u16(data, p + 2);
            int linkage = EtlLayout.u16(data, p + 4);
            int dataSize = EtlLayout.u16(data, p + 6);
            items.add(new ExtendedDataItem(extType, Arrays.copyOfRange(data, p + 8, p + 8 + dataSize)));
            p = Math.min(payloadEnd, p + EtlLayout.align8(8 + dataSize));
            if ((linkage & 1) == 0 || p >= payloadStart) {
                return items;
            }
        }
    }

    @Override
    public int pointerSize() {
        check();
        return (flags & EventRecord.FLAG_32_BIT_HEADER) != 0 ? 4 : 8;
    }

    @Override
    public int payloadSize() {
        check();
        return payloadEnd - payloadStart;
    }

    @Override
    public PayloadReader payloadReader() {
        check();
        return PayloadReader.of(data, payloadStart, payloadEnd - payloadStart, pointerSize());
    }

    /** Copies the first {@code n} payload bytes into {@code dst} (for {@link RecordBytes#copyPayload}). */
    private void copyPayload(byte[] dst, int n) {
        check();
        if (n < 0 || n > payloadEnd - payloadStart) {
            throw new IndexOutOfBoundsException(n + " of a payload of " + (payloadEnd - payloadStart) + " bytes");
        }
        System.arraycopy(data, payloadStart, dst, 0, n);
    }

    @Override
    public ByteBuffer payloadBuffer() {
        check();
        return ByteBuffer.wrap(data, payloadStart, payloadEnd - payloadStart).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public EventRecord toRecord() {
        check();
        if (prebuilt != null) {
            return prebuilt;
        }
        return new EventRecord(kind, providerId(), descriptor(), flags, property, pid, tid, raw, time.toInstant(raw),
                uuid(activityMsb, activityLsb), processor, items(),
                RecordBytes.adopt(Arrays.copyOfRange(data, payloadStart, payloadEnd)));
    }

    @Override
    public String toString() {
        return "RecordView[" + (live ? toRecord().toString() : "ended") + "]";
    }
}
