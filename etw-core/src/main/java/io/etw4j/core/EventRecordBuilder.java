package io.etw4j.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds {@link EventRecord}s ({@link EventRecord#builder()}, {@link EventRecord#toBuilder()}): for sources and for
 * tests of decoders; every field has a neutral default. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class EventRecordBuilder {
    private HeaderKind headerKind = HeaderKind.EVENT;
    private UUID providerId = EventRecord.NULL_GUID;
    private EventDescriptor descriptor = EventDescriptor.EMPTY;
    private int flags;
    private int eventProperty;
    private int processId = -1;
    private int threadId = -1;
    private long rawTimestamp;
    private Instant timestamp = Instant.EPOCH;
    private UUID activityId = EventRecord.NULL_GUID;
    private int processorNumber;
    private List<ExtendedDataItem> extendedData = new ArrayList<>();
    private byte[] payload = new byte[0];

    EventRecordBuilder() {
    }

    /**
     * Sets {@link EventRecord#headerKind()}.
     *
     * @param v the kind of header
     * @return this builder
     */
    public EventRecordBuilder headerKind(HeaderKind v) {
        headerKind = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#providerId()}.
     *
     * @param v the provider (or WPP message) GUID
     * @return this builder
     */
    public EventRecordBuilder providerId(UUID v) {
        providerId = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#descriptor()}.
     *
     * @param v the event descriptor
     * @return this builder
     */
    public EventRecordBuilder descriptor(EventDescriptor v) {
        descriptor = v;
        return this;
    }

    /**
     * Sets only the descriptor's id, keeping its other fields.
     *
     * @param id the event id (USHORT)
     * @return this builder
     */
    public EventRecordBuilder id(int id) {
        EventDescriptor d = descriptor;
        descriptor = new EventDescriptor(id, d.version(), d.channel(), d.level(), d.opcode(), d.task(), d.keyword());
        return this;
    }

    /**
     * Sets {@link EventRecord#flags()}.
     *
     * @param v EVENT_HEADER.Flags
     * @return this builder
     */
    public EventRecordBuilder flags(int v) {
        flags = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#eventProperty()}.
     *
     * @param v EVENT_HEADER.EventProperty
     * @return this builder
     */
    public EventRecordBuilder eventProperty(int v) {
        eventProperty = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#processId()}.
     *
     * @param v the process id, -1 if unknown
     * @return this builder
     */
    public EventRecordBuilder processId(int v) {
        processId = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#threadId()}.
     *
     * @param v the thread id, -1 if unknown
     * @return this builder
     */
    public EventRecordBuilder threadId(int v) {
        threadId = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#rawTimestamp()}.
     *
     * @param v the timestamp in the source's units
     * @return this builder
     */
    public EventRecordBuilder rawTimestamp(long v) {
        rawTimestamp = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#timestamp()}.
     *
     * @param v the event's time
     * @return this builder
     */
    public EventRecordBuilder timestamp(Instant v) {
        timestamp = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#activityId()}.
     *
     * @param v EVENT_HEADER.ActivityId
     * @return this builder
     */
    public EventRecordBuilder activityId(UUID v) {
        activityId = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#processorNumber()}.
     *
     * @param v the processor that logged the event
     * @return this builder
     */
    public EventRecordBuilder processorNumber(int v) {
        processorNumber = v;
        return this;
    }

    /**
     * Sets {@link EventRecord#extendedData()}.
     *
     * @param v the extended data items (copied)
     * @return this builder
     */
    public EventRecordBuilder extendedData(List<ExtendedDataItem> v) {
        extendedData = new ArrayList<>(v);
        return this;
    }

    /**
     * Appends one item to {@link EventRecord#extendedData()}.
     *
     * @param v the item to append
     * @return this builder
     */
    public EventRecordBuilder addExtendedData(ExtendedDataItem v) {
        extendedData.add(v);
        return this;
    }

    /**
     * Sets the payload; the array is copied when the record is built.
     *
     * @param v the payload bytes
     * @return this builder
     */
    public EventRecordBuilder payload(byte[] v) {
        payload = v;
        return this;
    }

    /**
     * {@return the record} The payload and the extended data list are copied, so the builder can be reused.
     */
    public EventRecord build() {
        return new EventRecord(headerKind, providerId, descriptor, flags, eventProperty, processId, threadId,
                rawTimestamp, timestamp, activityId, processorNumber, extendedData, payload);
    }
}
