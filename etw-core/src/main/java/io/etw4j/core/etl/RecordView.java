package io.etw4j.core.etl;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadReader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One record of an .etl file as {@link EtlFile#scan} visits it: a flyweight over the decoded buffer, reused for every
 * record, so a scan allocates nothing per record unless asked. Each accessor answers what the {@link EventRecord} of
 * the same record ({@link #toRecord()}) answers; the primitive accessors (two longs for a GUID, the descriptor's
 * fields one by one, the raw timestamp) allocate nothing, the object ones ({@link #providerId()}, {@link
 * #descriptor()}, {@link #timestamp()}, {@link #payloadReader()}, {@link #payloadBuffer()}, {@link #extendedData()})
 * create what they return.
 *
 * <p><b>Lifetime.</b> A view is valid only during the callback it is passed to: the next record overwrites it. Do not
 * keep it or hand it to another thread; keep {@link #toRecord()} (an immutable copy) instead. A view kept past its
 * callback reads whichever record the scan is at; once the scan has returned (or thrown) every accessor throws
 * {@link IllegalStateException}. The bytes behind {@link #payloadReader()} and {@link #payloadBuffer()} are the
 * reader's buffer: valid for the callback only, read-only.
 *
 * <p>Not thread-safe; implemented by etw4j only (not meant to be implemented by callers).
 */
public interface RecordView {

    /** {@return the record's header kind, as {@link EventRecord#headerKind()}} */
    HeaderKind headerKind();

    /** {@return the most significant 64 bits of {@link #providerId()} (no allocation)} */
    long providerIdMostSignificantBits();

    /** {@return the least significant 64 bits of {@link #providerId()} (no allocation)} */
    long providerIdLeastSignificantBits();

    /** {@return the provider id, as {@link EventRecord#providerId()} (a kernel record's cached class GUID)} */
    UUID providerId();

    /** {@return the descriptor id, as {@link EventDescriptor#id()}} */
    int id();

    /** {@return the descriptor version, as {@link EventDescriptor#version()}} */
    int version();

    /** {@return the descriptor channel, as {@link EventDescriptor#channel()}} */
    int channel();

    /** {@return the descriptor level, as {@link EventDescriptor#level()}} */
    int level();

    /** {@return the descriptor opcode, as {@link EventDescriptor#opcode()}} */
    int opcode();

    /** {@return the descriptor task, as {@link EventDescriptor#task()}} */
    int task();

    /** {@return the descriptor keyword, as {@link EventDescriptor#keyword()}} */
    long keyword();

    /** {@return the event descriptor, as {@link EventRecord#descriptor()} (created unless the reader caches it)} */
    EventDescriptor descriptor();

    /** {@return the header flags, as {@link EventRecord#flags()}} */
    int flags();

    /** {@return EVENT_HEADER.EventProperty, as {@link EventRecord#eventProperty()}} */
    int eventProperty();

    /** {@return the process id, as {@link EventRecord#processId()} (-1 when the header has none)} */
    int processId();

    /** {@return the thread id, as {@link EventRecord#threadId()} (-1 when the header has none)} */
    int threadId();

    /** {@return the processor (the buffer's ProcessorIndex), as {@link EventRecord#processorNumber()}} */
    int processorNumber();

    /** {@return the timestamp as written (QPC ticks, system time or CPU cycles), as {@link EventRecord#rawTimestamp()}} */
    long rawTimestamp();

    /** {@return the raw timestamp converted to a FILETIME (100 ns since 1601) by the file's clock, no allocation} */
    long fileTime();

    /** {@return the timestamp as {@link EventRecord#timestamp()}} */
    Instant timestamp();

    /** {@return the most significant 64 bits of {@link #activityId()}} */
    long activityIdMostSignificantBits();

    /** {@return the least significant 64 bits of {@link #activityId()}} */
    long activityIdLeastSignificantBits();

    /** {@return the activity id, as {@link EventRecord#activityId()}} */
    UUID activityId();

    /** {@return the extended data items, as {@link EventRecord#extendedData()} (copied out of the buffer)} */
    List<ExtendedDataItem> extendedData();

    /** {@return 4 if FLAG_32_BIT_HEADER is set, else 8, as {@link EventRecord#pointerSize()}} */
    int pointerSize();

    /** {@return the payload length in bytes, as {@link EventRecord#payloadSize()}} */
    int payloadSize();

    /** {@return a reader over the payload in the reader's buffer (not copied; valid during the callback only)} */
    PayloadReader payloadReader();

    /** {@return the payload as a read-only little-endian slice of the reader's buffer (valid during the callback)} */
    ByteBuffer payloadBuffer();

    /** {@return the immutable copy of this record: equal to the {@link EventRecord} {@link EtlFile#records()} gives} */
    EventRecord toRecord();
}
