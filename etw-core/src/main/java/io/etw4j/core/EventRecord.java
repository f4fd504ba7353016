package io.etw4j.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One ETW event, copied out of ETW's memory: the common shape of every record from a live {@code
 * io.etw4j.core.session.EtwSession} and from
 * an {@code io.etw4j.core.etl.EtlFile}, so that decoders cannot tell the two sources apart.
 *
 * <p>Immutable and thread-safe; it holds no native memory and may be kept for as long as needed. The payload and the
 * extended data items are defensive copies; {@link #payload()} returns a fresh copy each call, so prefer
 * {@link #payloadReader()} or {@link #payloadSize()} on hot paths.
 *
 * <p>How the fields map (evntcons.h EVENT_RECORD / EVENT_HEADER):
 * <ul>
 *   <li>{@code providerId}: EVENT_HEADER.ProviderId. For a WPP record this is the <em>message GUID</em> of the
 *       source file that logged it, not the control GUID that was enabled.</li>
 *   <li>{@code descriptor}: EVENT_HEADER.EventDescriptor; for WPP, {@code id} is the message number.</li>
 *   <li>{@code processId}, {@code threadId}: of the thread that logged the event; {@code -1} when the record does
 *       not carry them (a WPP record logged without TRACE_MESSAGE_SYSTEMINFO).</li>
 *   <li>{@code rawTimestamp}: EVENT_HEADER.TimeStamp as the source delivers it, so its unit depends on the source.
 *       From a live {@code io.etw4j.core.session.EtwSession} it is always a FILETIME: etw4j opens the trace without
 *       PROCESS_TRACE_MODE_RAW_TIMESTAMP, so ProcessTrace converts every TimeStamp to system time whatever clock
 *       (Wnode.ClientContext) the session was started with (learn.microsoft.com "EVENT_HEADER structure", TimeStamp;
 *       etw4j starts its sessions with the QPC clock). From an {@code io.etw4j.core.etl.EtlFile} it is the value
 *       stored in the file, in
 *       the file's clock: QPC ticks for a QPC session (the usual case), FILETIME for system time, CPU cycles for the
 *       cycle counter. {@code timestamp} is the same moment as an {@link Instant} and is comparable across
 *       sources.</li>
 *   <li>{@code processorNumber}: ETW_BUFFER_CONTEXT processor (the index when EVENT_HEADER_FLAG_PROCESSOR_INDEX).</li>
 * </ul>
 *
 * <p><b>Equality.</b> {@link #equals(Object)} is value equality over every component, {@code rawTimestamp}
 * included: two records are equal when they carry the same bytes in the same units, e.g. two reads of one .etl file,
 * or a record and its {@link #toBuilder()} copy. A live copy and an .etl replay of the <em>same</em> event are in
 * general <em>not</em> equal: their {@code rawTimestamp}s are in different units (FILETIME vs QPC ticks), and some
 * {@code flags} bits that only say how ETW laid out the header differ too. What is equal between them, everything a
 * decoder reads, is what {@link #sameEventAs(EventRecord)} compares; that is the sense in which a live session and a
 * replay are indistinguishable after the source.
 *
 * @param headerKind      the kind of header the record was written with
 * @param providerId      provider (or WPP message) GUID
 * @param descriptor      the event descriptor
 * @param flags           EVENT_HEADER.Flags (EVENT_HEADER_FLAG_*, see the {@code FLAG_} constants)
 * @param eventProperty   EVENT_HEADER.EventProperty (EVENT_HEADER_PROPERTY_*)
 * @param processId       process id of the logging thread, -1 if unknown
 * @param threadId        thread id of the logging thread, -1 if unknown
 * @param rawTimestamp    EVENT_HEADER.TimeStamp in the source's units (live: FILETIME; .etl: the file's clock)
 * @param timestamp       the event's time
 * @param activityId      EVENT_HEADER.ActivityId (all-zero GUID if none)
 * @param processorNumber processor that logged the event
 * @param extendedData    extended data items, in the order ETW delivered them
 * @param payload         the user data (copied)
 */
public record EventRecord(
        HeaderKind headerKind,
        UUID providerId,
        EventDescriptor descriptor,
        int flags,
        int eventProperty,
        int processId,
        int threadId,
        long rawTimestamp,
        Instant timestamp,
        UUID activityId,
        int processorNumber,
        List<ExtendedDataItem> extendedData,
        byte[] payload) {

    /** EVENT_HEADER_FLAG_EXTENDED_INFO (evntcons.h). */
    public static final int FLAG_EXTENDED_INFO = 0x0001;
    /** EVENT_HEADER_FLAG_PRIVATE_SESSION (evntcons.h). */
    public static final int FLAG_PRIVATE_SESSION = 0x0002;
    /** EVENT_HEADER_FLAG_STRING_ONLY (evntcons.h): the payload is one NUL-terminated UTF-16 string. */
    public static final int FLAG_STRING_ONLY = 0x0004;
    /** EVENT_HEADER_FLAG_TRACE_MESSAGE (evntcons.h): a WPP / TraceMessage record. */
    public static final int FLAG_TRACE_MESSAGE = 0x0008;
    /** EVENT_HEADER_FLAG_NO_CPUTIME (evntcons.h). */
    public static final int FLAG_NO_CPUTIME = 0x0010;
    /** EVENT_HEADER_FLAG_32_BIT_HEADER (evntcons.h): logged by a 32-bit process; pointers in the payload are 4 bytes. */
    public static final int FLAG_32_BIT_HEADER = 0x0020;
    /** EVENT_HEADER_FLAG_64_BIT_HEADER (evntcons.h): logged by a 64-bit process; pointers in the payload are 8 bytes. */
    public static final int FLAG_64_BIT_HEADER = 0x0040;
    /** EVENT_HEADER_FLAG_DECODE_GUID (evntcons.h). */
    public static final int FLAG_DECODE_GUID = 0x0080;
    /** EVENT_HEADER_FLAG_CLASSIC_HEADER (evntcons.h): a classic (MOF) event. */
    public static final int FLAG_CLASSIC_HEADER = 0x0100;
    /** EVENT_HEADER_FLAG_PROCESSOR_INDEX (evntcons.h). */
    public static final int FLAG_PROCESSOR_INDEX = 0x0200;

    /** The all-zero GUID (GUID_NULL). */
    public static final UUID NULL_GUID = new UUID(0L, 0L);

    static {
        io.etw4j.core.internal.RecordBytes.installPayloadAccess(r -> r.payload);
    }

    /** Checks the components and copies the payload and the extended data items (see the type's parameters). */
    public EventRecord {
        Objects.requireNonNull(headerKind, "headerKind");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(activityId, "activityId");
        extendedData = List.copyOf(extendedData);
        payload = io.etw4j.core.internal.RecordBytes.adoptedOrCopy(payload); // etw4j's own fresh copies are kept
    }

    /** {@return a copy of the payload} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** {@return payload length in bytes (EVENT_RECORD.UserDataLength)} */
    public int payloadSize() {
        return payload.length;
    }

    /**
     * {@return a new reader over the payload, with the pointer size of the logging process ({@link #pointerSize()})}
     */
    public PayloadReader payloadReader() {
        return PayloadReader.of(payload, pointerSize());
    }

    /** {@return the event id (descriptor id; the message number of a WPP record)} */
    public int id() {
        return descriptor.id();
    }

    /** {@return true if this is a WPP / TraceMessage record (EVENT_HEADER_FLAG_TRACE_MESSAGE)} */
    public boolean isTraceMessage() {
        return (flags & FLAG_TRACE_MESSAGE) != 0;
    }

    /** {@return 4 if EVENT_HEADER_FLAG_32_BIT_HEADER is set, otherwise 8} */
    public int pointerSize() {
        return (flags & FLAG_32_BIT_HEADER) != 0 ? 4 : 8;
    }

    /**
     * {@return the first extended data item of {@code type}}
     *
     * @param type an EVENT_HEADER_EXT_TYPE_* value (evntcons.h)
     */
    public Optional<ExtendedDataItem> findExtendedData(int type) {
        return ExtendedDataReading.find(extendedData, type);
    }

    /** {@return the process start key (EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY), if the session asked for it} */
    public OptionalLong processStartKey() {
        return ExtendedDataReading.processStartKey(extendedData);
    }

    /** {@return the related activity id (EVENT_HEADER_EXT_TYPE_RELATED_ACTIVITYID), if present} */
    public Optional<UUID> relatedActivityId() {
        return ExtendedDataReading.relatedActivityId(extendedData);
    }

    /** {@return the logging user's SID (EVENT_HEADER_EXT_TYPE_SID), if the session asked for it and it parses} */
    public Optional<SecurityIdentifier> userSid() {
        return ExtendedDataReading.userSid(extendedData);
    }

    /**
     * {@return the stack trace (EVENT_HEADER_EXT_TYPE_STACK_TRACE64 or _STACK_TRACE32), return addresses innermost
     * first, without the leading MatchId; empty if the session did not ask for stacks}
     */
    public Optional<long[]> stackTrace() {
        return ExtendedDataReading.stackTrace(extendedData);
    }

    /** {@return a builder, for sources and for tests of decoders (every field has a neutral default)} */
    public static EventRecordBuilder builder() {
        return new EventRecordBuilder();
    }

    /**
     * A builder initialised with this record's fields.
     *
     * @return this builder
     */
    public EventRecordBuilder toBuilder() {
        return new EventRecordBuilder().headerKind(headerKind).providerId(providerId).descriptor(descriptor)
                .flags(flags).eventProperty(eventProperty).processId(processId).threadId(threadId)
                .rawTimestamp(rawTimestamp).timestamp(timestamp).activityId(activityId).processorNumber(processorNumber)
                .extendedData(extendedData).payload(payload);
    }

    /**
     * The {@code flags} bits that {@link #sameEventAs(EventRecord)} ignores: EVENT_HEADER_FLAG_PROCESSOR_INDEX only
     * says how to read ETW_BUFFER_CONTEXT, which every source has already resolved into {@link #processorNumber()}
     * (an .etl file keeps the index in its buffer header instead); EVENT_HEADER_FLAG_64_BIT_HEADER adds nothing to
     * {@link #pointerSize()}, which only EVENT_HEADER_FLAG_32_BIT_HEADER changes, and whether a live WPP record
     * carries it is not established (inferred to be harmless).
     */
    public static final int LAYOUT_ONLY_FLAGS = FLAG_PROCESSOR_INDEX | FLAG_64_BIT_HEADER;

    /**
     * {@return true if {@code other} is the same event as this one as a decoder sees it, whichever source each came
     * from (a live session or an .etl replay)} Compared: header kind, provider, the event descriptor (for a WPP record,
     * {@link #isTraceMessage()}, every field but the keyword, which an .etl replay fills with the message sequence
     * number and a live consumer does not; inferred), {@code flags} except {@link #LAYOUT_ONLY_FLAGS}, event property,
     * process and thread ids, {@link #timestamp()}, activity id, processor number, the extended data items in order and
     * the payload.
     *
     * <p>Classic and kernel records (every header kind but {@link HeaderKind#EVENT} and {@link HeaderKind#MESSAGE})
     * compare as one kind and without the descriptor's id and task: a live consumer gets them all as
     * {@link HeaderKind#CLASSIC} with id 0 and task 0, where the .etl reader keeps the header it read (SYSTEM, COMPACT,
     * PERFINFO, INSTANCE...) and, for kernel records, the hook id and group (see {@link io.etw4j.core.etl.EtlFile};
     * inferred from the classic-header translation). Their provider (the event-class GUID), version, opcode (the event
     * type) and level are compared, which is what identifies a classic event and what the decoders key on. Not compared
     * at all: {@link #rawTimestamp()}, whose unit depends on the source (see the type's documentation).
     *
     * <p>Coarser than {@link #equals(Object)}: equal records are always the same event; the converse does not hold.
     * Reflexive, symmetric and transitive.
     *
     * @param other the record to compare with
     */
    public boolean sameEventAs(EventRecord other) {
        return other == this
                || (RecordEquivalence.sameEventButPayload(this, other) && Arrays.equals(payload, other.payload));
    }

    /**
     * Value equality over every component, including {@link #rawTimestamp()} (whose unit depends on the source) and
     * the exact {@code flags}. A live copy and an .etl replay of one event are therefore usually not equal; compare
     * them with {@link #sameEventAs(EventRecord)}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof EventRecord r
                && headerKind == r.headerKind && providerId.equals(r.providerId) && descriptor.equals(r.descriptor)
                && flags == r.flags && eventProperty == r.eventProperty && processId == r.processId
                && threadId == r.threadId && rawTimestamp == r.rawTimestamp && timestamp.equals(r.timestamp)
                && activityId.equals(r.activityId) && processorNumber == r.processorNumber
                && extendedData.equals(r.extendedData) && Arrays.equals(payload, r.payload);
    }

    /** Consistent with {@link #equals(Object)} (not with {@link #sameEventAs(EventRecord)}, which has no hash). */
    @Override
    public int hashCode() {
        return Objects.hash(headerKind, providerId, descriptor, flags, processId, threadId, rawTimestamp)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        int shown = Math.min(payload.length, 32);
        return "EventRecord[" + headerKind + " provider=" + providerId + " id=" + descriptor.id()
                + " v" + descriptor.version() + " opcode=" + descriptor.opcode() + " flags=0x"
                + Integer.toHexString(flags) + " pid=" + processId + " tid=" + threadId + " time=" + timestamp
                + " ext=" + extendedData.size() + " payload(" + payload.length + ")="
                + HexFormat.of().formatHex(payload, 0, shown) + (shown < payload.length ? "..." : "") + "]";
    }
}
