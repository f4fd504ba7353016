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
 * One ETW event, copied out of ETW's memory: the common shape of every record from a live {@code io.etw4j.core.session.EtwSession} and from
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
 *       etw4j starts its sessions with the QPC clock). From an {@code io.etw4j.core.etl.EtlFile} it is the value stored in the file, in
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

    /**
     * Creates the record (the canonical constructor).
     *
     * @param headerKind the kind of header the record was written with
     * @param providerId provider (or WPP message) GUID
     * @param descriptor the event descriptor
     * @param flags EVENT_HEADER.Flags (EVENT_HEADER_FLAG_*, see the {@code FLAG_} constants)
     * @param eventProperty EVENT_HEADER.EventProperty (EVENT_HEADER_PROPERTY_*)
     * @param processId process id of the logging thread, -1 if unknown
     * @param threadId thread id of the logging thread, -1 if unknown
     * @param rawTimestamp EVENT_HEADER.TimeStamp in the source's units (live: FILETIME; .etl: the file's clock)
     * @param timestamp the event's time
     * @param activityId EVENT_HEADER.ActivityId (all-zero GUID if none)
     * @param processorNumber processor that logged the event
     * @param extendedData extended data items, in the order ETW delivered them
     * @param payload the user data (copied)
     */
    public EventRecord {
        Objects.requireNonNull(headerKind, "headerKind");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(activityId, "activityId");
        extendedData = List.copyOf(extendedData);
        payload = payload.clone();
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
        for (ExtendedDataItem item : extendedData) {
            if (item.type() == type) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** {@return the process start key (EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY), if the session asked for it} */
    public OptionalLong processStartKey() {
        return findExtendedData(ExtendedDataItem.PROCESS_START_KEY)
                .filter(i -> i.size() >= 8)
                .map(i -> OptionalLong.of(i.reader().i64()))
                .orElse(OptionalLong.empty());
    }

    /** {@return the related activity id (EVENT_HEADER_EXT_TYPE_RELATED_ACTIVITYID), if present} */
    public Optional<UUID> relatedActivityId() {
        return findExtendedData(ExtendedDataItem.RELATED_ACTIVITYID)
                .filter(i -> i.size() >= 16)
                .map(i -> i.reader().guid());
    }

    /** {@return the logging user's SID (EVENT_HEADER_EXT_TYPE_SID), if the session asked for it and it parses} */
    public Optional<SecurityIdentifier> userSid() {
        Optional<ExtendedDataItem> item = findExtendedData(ExtendedDataItem.SID);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(item.get().reader().sid());
        } catch (PayloadException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return the stack trace (EVENT_HEADER_EXT_TYPE_STACK_TRACE64 or _STACK_TRACE32), return addresses innermost
     * first, without the leading MatchId; empty if the session did not ask for stacks}
     */
    public Optional<long[]> stackTrace() {
        for (ExtendedDataItem item : extendedData) {
            if (item.type() == ExtendedDataItem.STACK_TRACE64 || item.type() == ExtendedDataItem.STACK_TRACE32) {
                int width = item.type() == ExtendedDataItem.STACK_TRACE64 ? 8 : 4;
                PayloadReader r = PayloadReader.of(item.data(), width);
                if (r.remaining() < 8) {
                    return Optional.empty();
                }
                r.i64(); // MatchId (evntcons.h EVENT_EXTENDED_ITEM_STACK_TRACE64)
                long[] frames = new long[r.remaining() / width];
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = r.pointer();
                }
                return Optional.of(frames);
            }
        }
        return Optional.empty();
    }

    /** {@return a builder, for sources and for tests of decoders (every field has a neutral default)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder initialised with this record's fields.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.headerKind = headerKind;
        b.providerId = providerId;
        b.descriptor = descriptor;
        b.flags = flags;
        b.eventProperty = eventProperty;
        b.processId = processId;
        b.threadId = threadId;
        b.rawTimestamp = rawTimestamp;
        b.timestamp = timestamp;
        b.activityId = activityId;
        b.processorNumber = processorNumber;
        b.extendedData = new ArrayList<>(extendedData);
        b.payload = payload;
        return b;
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
     * PERFINFO, INSTANCE...) and, for kernel records, the hook id and group (see {@link io.etw4j.core.etl.EtlFile}; inferred from the
     * classic-header translation). Their provider (the event-class GUID), version, opcode (the event type) and level
     * are compared, which is what identifies a classic event and what the decoders key on. Not compared at all:
     * {@link #rawTimestamp()}, whose unit depends on the source (see the type's documentation).
     *
     * <p>Coarser than {@link #equals(Object)}: equal records are always the same event; the converse does not hold.
     * Reflexive, symmetric and transitive.
     *
     * @param other the record to compare with
     */
    public boolean sameEventAs(EventRecord other) {
        if (other == this) {
            return true;
        }
        return other != null
                && (flags & ~LAYOUT_ONLY_FLAGS) == (other.flags & ~LAYOUT_ONLY_FLAGS)
                && sameHeaderKind(other) && providerId.equals(other.providerId)
                && sameDescriptor(other)
                && eventProperty == other.eventProperty && processId == other.processId
                && threadId == other.threadId && timestamp.equals(other.timestamp)
                && activityId.equals(other.activityId) && processorNumber == other.processorNumber
                && extendedData.equals(other.extendedData) && Arrays.equals(payload, other.payload);
    }

    /** True for the header kinds a live consumer sees as {@link HeaderKind#CLASSIC}. */
    private boolean classicFamily() {
        return headerKind != HeaderKind.EVENT && headerKind != HeaderKind.MESSAGE;
    }

    private boolean sameHeaderKind(EventRecord other) {
        return headerKind == other.headerKind || (classicFamily() && other.classicFamily());
    }

    private boolean sameDescriptor(EventRecord other) {
        if (classicFamily()) {
            // Reached only when both are of the classic family: id and task are not compared (see sameEventAs)
            EventDescriptor a = descriptor;
            EventDescriptor b = other.descriptor;
            return a.version() == b.version() && a.channel() == b.channel() && a.level() == b.level()
                    && a.opcode() == b.opcode() && a.keyword() == b.keyword();
        }
        if (!isTraceMessage()) {
            return descriptor.equals(other.descriptor);
        }
        // Reached only when the flags agree, so isTraceMessage() is the same on both sides (symmetric).
        EventDescriptor a = descriptor;
        EventDescriptor b = other.descriptor;
        return a.id() == b.id() && a.version() == b.version() && a.channel() == b.channel() && a.level() == b.level()
                && a.opcode() == b.opcode() && a.task() == b.task();
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

    /** Builds {@link EventRecord}s. Not thread-safe. */
    public static final class Builder {
        private HeaderKind headerKind = HeaderKind.EVENT;
        private UUID providerId = NULL_GUID;
        private EventDescriptor descriptor = EventDescriptor.EMPTY;
        private int flags;
        private int eventProperty;
        private int processId = -1;
        private int threadId = -1;
        private long rawTimestamp;
        private Instant timestamp = Instant.EPOCH;
        private UUID activityId = NULL_GUID;
        private int processorNumber;
        private List<ExtendedDataItem> extendedData = new ArrayList<>();
        private byte[] payload = new byte[0];

        private Builder() {
        }

        /**
         * Sets {@link EventRecord#headerKind()}.
         *
         * @param v the kind of header
         * @return this builder
         */
        public Builder headerKind(HeaderKind v) {
            headerKind = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#providerId()}.
         *
         * @param v the provider (or WPP message) GUID
         * @return this builder
         */
        public Builder providerId(UUID v) {
            providerId = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#descriptor()}.
         *
         * @param v the event descriptor
         * @return this builder
         */
        public Builder descriptor(EventDescriptor v) {
            descriptor = v;
            return this;
        }

        /**
         * Sets only the descriptor's id, keeping its other fields.
         *
         * @param id the event id (USHORT)
         * @return this builder
         */
        public Builder id(int id) {
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
        public Builder flags(int v) {
            flags = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#eventProperty()}.
         *
         * @param v EVENT_HEADER.EventProperty
         * @return this builder
         */
        public Builder eventProperty(int v) {
            eventProperty = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#processId()}.
         *
         * @param v the process id, -1 if unknown
         * @return this builder
         */
        public Builder processId(int v) {
            processId = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#threadId()}.
         *
         * @param v the thread id, -1 if unknown
         * @return this builder
         */
        public Builder threadId(int v) {
            threadId = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#rawTimestamp()}.
         *
         * @param v the timestamp in the source's units
         * @return this builder
         */
        public Builder rawTimestamp(long v) {
            rawTimestamp = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#timestamp()}.
         *
         * @param v the event's time
         * @return this builder
         */
        public Builder timestamp(Instant v) {
            timestamp = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#activityId()}.
         *
         * @param v EVENT_HEADER.ActivityId
         * @return this builder
         */
        public Builder activityId(UUID v) {
            activityId = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#processorNumber()}.
         *
         * @param v the processor that logged the event
         * @return this builder
         */
        public Builder processorNumber(int v) {
            processorNumber = v;
            return this;
        }

        /**
         * Sets {@link EventRecord#extendedData()}.
         *
         * @param v the extended data items (copied)
         * @return this builder
         */
        public Builder extendedData(List<ExtendedDataItem> v) {
            extendedData = new ArrayList<>(v);
            return this;
        }

        /**
         * Appends one item to {@link EventRecord#extendedData()}.
         *
         * @param v the item to append
         * @return this builder
         */
        public Builder addExtendedData(ExtendedDataItem v) {
            extendedData.add(v);
            return this;
        }

        /**
         * Sets the payload; the array is copied when the record is built.
         *
         * @param v the payload bytes
         * @return this builder
         */
        public Builder payload(byte[] v) {
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
}
