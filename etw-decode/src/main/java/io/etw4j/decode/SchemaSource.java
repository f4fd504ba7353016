package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import java.util.Optional;
import java.util.UUID;

/**
 * A schema source for an {@link EventDecoder}: it knows the schemas of some events. etw-decode ships one per
 * {@link SchemaOrigin}, each named for what it holds ({@link TraceLoggingSchemas}, {@link EmbeddedEventInfoSchemas},
 * {@link ManifestSchemas}, {@link EventSourceSchemas}, {@link KernelMofSchemas}, {@link TdhSchemas}) and each built
 * by a static {@code create(...)} factory.
 *
 * <p>Implementations must be thread-safe, must never throw from these methods (a source that cannot answer returns
 * empty), and should cache what they build.
 *
 * <p><b>Later versions than the schema.</b> A source whose schemas follow a convention that adds fields only at the
 * end of a later event version (EventSource, by .NET's documented rule; instrumentation manifests, by the same
 * practice, inferred) may answer {@link #newestEarlierVersion(EventRecord)}: the decoder asks it only when no source
 * knows the record's exact version, and only if the caller did not turn this off
 * ({@link EventDecoder.Builder#laterVersions(boolean)}). Sources whose schemas are exact for each record
 * (TraceLogging, embedded event information, TDH, the kernel MOF classes) do not guess and keep the default.
 *
 * <p><b>Sources that observe records.</b> A stateful source (EventSource manifests, embedded event information)
 * learns from the records that pass through the decoder. It says so by returning true from
 * {@link #observesRecords()}; the decoder then calls {@link #observe(EventRecord)} for every record, in stream order,
 * before any schema lookup for it. A source whose {@link #observesRecords()} is false is never shown records.
 */
public interface SchemaSource {

    /** {@return where this source's schemas come from (also each schema's {@link EventSchema#origin()})} */
    SchemaOrigin origin();

    /**
     * {@return the schema of {@code record}'s event, if this source knows it}
     *
     * @param record the record to describe
     */
    Optional<EventSchema> schemaFor(EventRecord record);

    /**
     * {@return the schema of the newest version of {@code record}'s event that is lower than the record's own
     * version, for a source whose convention adds fields only at the end of later versions; the default knows none}
     * Asked only when no source knows the exact version. The decoder then reads the fields that version declares
     * and reports the rest of the payload as trailing bytes ({@link DecodedEvent#trailingBytes()}).
     *
     * @param record the record of a later version than this source declares
     */
    default Optional<VersionedSchema> newestEarlierVersion(EventRecord record) {
        return Optional.empty();
    }

    /**
     * {@return the name of provider {@code providerId}, if this source knows it; the default knows none}
     *
     * @param providerId the provider GUID
     */
    default Optional<String> providerName(UUID providerId) {
        return Optional.empty();
    }

    /**
     * {@return true if this source learns from the records of the stream, so the decoder must show it every record
     * through {@link #observe(EventRecord)}; the default is false} Asked once, when the decoder is built.
     */
    default boolean observesRecords() {
        return false;
    }

    /**
     * Lets a stateful source learn from {@code record}; called for every record, in stream order, when
     * {@link #observesRecords()} is true. The default does nothing.
     *
     * @param record the next record of the stream
     */
    default void observe(EventRecord record) {
    }
}
