package io.etw4j.core.internal.win32;

import io.etw4j.core.EtwException;
import io.etw4j.core.EventRecord;
import java.util.Optional;

/**
 * An EVENT_RECORD that {@link EventRecordCopier} could not copy faithfully: a null record, a null UserData with a
 * non-zero UserDataLength, a null ExtendedData with a non-zero ExtendedDataCount, an extended item with a null
 * DataPtr and a non-zero DataSize, or a timestamp the converter cannot represent. The event is not delivered as if it
 * were complete; the caller counts it. Whatever could be read is kept in {@link #partialRecord()} (the unreadable
 * parts are left at the builder's defaults: empty payload, no extended items, the epoch as timestamp).
 */
public final class MalformedEventRecordException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** The EVENT_RECORD pointer itself was null. */
        NULL_RECORD,
        /** UserDataLength > 0 but UserData == NULL. */
        NULL_USER_DATA,
        /** ExtendedDataCount > 0 but ExtendedData == NULL. */
        NULL_EXTENDED_DATA,
        /** An EVENT_HEADER_EXTENDED_DATA_ITEM with DataSize > 0 but DataPtr == 0. */
        NULL_EXTENDED_ITEM_DATA,
        /** The TimeStamp could not be converted to an Instant. */
        TIMESTAMP_OUT_OF_RANGE
    }

    private final Reason reason;
    private final transient EventRecord partialRecord;

    MalformedEventRecordException(Reason reason, String detail, EventRecord partialRecord) {
        super("Malformed EVENT_RECORD (" + reason + "): " + detail);
        this.reason = reason;
        this.partialRecord = partialRecord;
    }

    /** The first problem found. */
    public Reason reason() {
        return reason;
    }

    /** The fields that could be read, or empty for {@link Reason#NULL_RECORD}. */
    public Optional<EventRecord> partialRecord() {
        return Optional.ofNullable(partialRecord);
    }
}
