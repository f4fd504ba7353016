package io.etw4j.core.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import java.util.function.Function;

/**
 * Read access to the byte arrays inside an {@link EventRecord} and an {@link ExtendedDataItem} without the defensive
 * copy their public accessors make: for etw4j's own decoders, which read the bytes and never keep, return or change the
 * arrays. Not for users: the public accessors are the API.
 *
 * <p>Thread-safe: the accessors are installed once, by the records' class initialisation, before any instance exists.
 */
public final class RecordBytes {
    private static volatile Function<EventRecord, byte[]> payload;
    private static volatile Function<ExtendedDataItem, byte[]> itemData;

    private RecordBytes() {
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

    /**
     * The record's payload array itself, not a copy. The caller must not modify it or let it escape.
     *
     * @param record a record (its class is initialised, so the accessor is installed)
     * @return the payload array held by the record
     */
    public static byte[] payloadView(EventRecord record) {
        return payload.apply(record);
    }

    /**
     * The item's data array itself, not a copy. The caller must not modify it or let it escape.
     *
     * @param item an item
     * @return the data array held by the item
     */
    public static byte[] dataView(ExtendedDataItem item) {
        return itemData.apply(item);
    }
}
