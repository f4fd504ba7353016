package io.etw4j.core.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.etl.RecordView;
import java.util.function.Function;

/**
 * Read-only access to the bytes inside an {@link EventRecord} and an {@link ExtendedDataItem} without the defensive
 * copy their public accessors make: for etw4j's own decoders. The bytes come as a {@link ReadOnlyBytes} view, which
 * cannot change them and never hands out the array itself, so the records stay immutable. Not for users: the public
 * accessors are the API.
 *
 * <p>Thread-safe: the accessors are installed once, by the records' class initialisation, before any instance exists.
 */
public final class RecordBytes {
    private static volatile Function<EventRecord, byte[]> payload;
    private static volatile Function<ExtendedDataItem, byte[]> itemData;
    private static volatile ViewPayloadCopy viewPayload;

    /** Copies the first bytes of a scan view's payload (installed by the .etl reader's view class). */
    @FunctionalInterface
    public interface ViewPayloadCopy {
        /** Copies {@code n} bytes (at most the payload's size) of {@code view}'s payload into {@code dst[0..n)}. */
        void copy(RecordView view, byte[] dst, int n);
    }

    /** The payload array the next {@link EventRecord} built on this thread may keep without copying it. */
    private static final ThreadLocal<byte[]> ADOPTED = new ThreadLocal<>();

    private RecordBytes() {
    }

    /**
     * Marks {@code fresh} (an array the caller just made and will never change or hand out again) as the payload the
     * next {@link EventRecord} constructed on this thread with this very array keeps instead of copying: the readers'
     * and the live copier's one copy out of the buffer or native memory is then the record's own. Any other array
     * is still copied by the record.
     *
     * @return {@code fresh}
     */
    public static byte[] adopt(byte[] fresh) {
        ADOPTED.set(fresh);
        return fresh;
    }

    /** Called by {@link EventRecord}'s constructor: {@code payload} itself if it was {@link #adopt adopted}, else a copy. */
    public static byte[] adoptedOrCopy(byte[] payload) {
        return payload != null && ADOPTED.get() == payload ? payload : payload.clone();
    }

    /** Called once by {@link EventRecord}'s class initialisation. */
    public static void installPayloadAccess(Function<EventRecord, byte[]> access) {
        if (payload != null) {
            throw new IllegalStateException("payload access already installed");
        }
        payload = access;
    }

    /** Called once by {@link ExtendedDataItem}'s class initialisation. */
    public static void installItemAccess(Function<ExtendedDataItem, byte[]> access) {
        if (itemData != null) {
            throw new IllegalStateException("item access already installed");
        }
        itemData = access;
    }

    /** Called once by the .etl reader's view class initialisation. */
    public static void installViewPayloadCopy(ViewPayloadCopy copy) {
        if (viewPayload != null) {
            throw new IllegalStateException("view payload copy already installed");
        }
        viewPayload = copy;
    }

    /**
     * Copies the first {@code n} payload bytes of {@code view} (a view {@link io.etw4j.core.etl.EtlFile#scan} handed
     * out, during its callback) into {@code dst}, allocating nothing: for etw4j's writers, which read a few bytes of
     * each payload (the {@code payloadHex} of a JSON line) and cannot count on the JIT removing the buffer objects
     * {@link RecordView#payloadBuffer()} makes.
     *
     * @param n at most {@link RecordView#payloadSize()}; {@code dst} holds at least {@code n}
     * @throws IllegalStateException if the view's scan has ended
     */
    public static void copyPayload(RecordView view, byte[] dst, int n) {
        viewPayload.copy(view, dst, n);
    }

    /**
     * {@return a read-only view of the record's payload, not a copy}
     *
     * @param record a record (its class is initialised, so the accessor is installed)
     */
    public static ReadOnlyBytes payload(EventRecord record) {
        return ReadOnlyBytes.wrap(payload.apply(record));
    }

    /**
     * {@return a read-only view of the item's data, not a copy}
     *
     * @param item an item
     */
    public static ReadOnlyBytes data(ExtendedDataItem item) {
        return ReadOnlyBytes.wrap(itemData.apply(item));
    }
}
