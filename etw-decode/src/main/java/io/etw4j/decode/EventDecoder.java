package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.internal.PayloadDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Decodes any {@link EventRecord} into named, typed fields ({@link DecodedEvent}) with the schemas of its sources, on
 * any OS (for a live session or an .etl replay alike).
 *
 * <p><b>Order of the sources.</b> The sources are asked in the order they were added; the first that knows the event
 * wins. {@link #builder()} documents the recommended order: the event's own TraceLogging metadata first (it cannot be
 * wrong about itself), then event information embedded in the file, then the manifests you load, then EventSource
 * manifests found in the trace, then the kernel MOF classes, then TDH on the live host.
 *
 * <p><b>Later versions than the schema.</b> When no source knows a record's exact event version, the sources are asked
 * again, in order, for the newest earlier version of the event ({@link SchemaSource#newestEarlierVersion}); only
 * sources whose convention adds fields only at the end answer (ManifestSchemas, EventSourceSchemas and schema
 * folders). The record is decoded with that version's fields, the rest of its payload is counted as trailing bytes,
 * and {@link DecodedEvent#schemaVersion()} says which version decoded it. Callers that must not guess turn this off
 * with {@link Builder#laterVersions(boolean) laterVersions(false)}: then a record decodes only with a schema of its
 * own version.
 *
 * <p><b>Guarantees.</b> {@link #decode(EventRecord)} never throws for any record: a record no source knows gives
 * {@link DecodedEvent#undecoded}, a payload that does not fit gives field errors and the fields that could be read.
 * Thread-safe if its sources are (the shipped ones are). Stateful sources learn from every record passed to
 * {@link #decode}, so feed records in stream order ({@link #decodeAll(Flux)} does).
 *
 * <p><b>Hostile input: what decoding may cost.</b> Schemas and payloads come from the input (TraceLogging metadata,
 * embedded TRACE_EVENT_INFO, in-trace manifests), so every decode is bounded by the payload, not by what the schema
 * claims:
 * <ul>
 *   <li>Output: at most 64 units per payload byte plus 65,536 per record, a unit being one character of a field name,
 *       of a string or of a value map's names, or one other scalar (a struct or an array costs what it holds). Past
 *       it the layout is given up: a {@link FieldError} names the budget and the fields decoded so far stay.</li>
 *   <li>An array whose element takes 0 bytes of payload (empty structs, zero-length strings) keeps its first element
 *       and is refused with a {@link FieldError}; at most 2<sup>20</sup> array elements per payload in all.</li>
 *   <li>Schemas: a TRACE_EVENT_INFO or EVENT_MAP_INFO decodes each string once (entries sharing a string share one
 *       {@code String}) and at most 4 characters of strings per byte of the blob plus 32 Ki, past which the blob is
 *       refused as malformed; the TraceLogging cache retains at most {@link TraceLoggingSchemas#DEFAULT_MAX_BYTES}
 *       by its stated estimate; manifest and EventSource problem lists keep their first 100 lines and one line
 *       counting the rest.</li>
 * </ul>
 * What is refused is counted where the caller already looks: {@link DecodedEvent#errors()} for a record,
 * {@code problems()} for the schema sources.
 *
 * <pre>{@code
 * EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).build();
 * decoder.decodeAll(EtlFile.open(path).records())
 *        .subscribe(d -> System.out.println(d.eventName().orElse("?") + " " + d.fields()));
 * }</pre>
 */
public final class EventDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

    private final List<SchemaSource> sources;
    /** The sources whose {@link SchemaSource#observesRecords()} is true: only they are shown every record. */
    private final SchemaSource[] stateful;

    /** Whether a later version than the sources declare is decoded with the newest earlier one. */
    private final boolean laterVersions;

    private EventDecoder(List<SchemaSource> sources, boolean laterVersions) {
        this.sources = List.copyOf(sources);
        this.laterVersions = laterVersions;
        this.stateful = sources.stream().filter(SchemaSource::observesRecords).toArray(SchemaSource[]::new);
    }

    /** A builder with no source. */
    public static Builder builder() {
        return new Builder();
    }

    /** True if records of a later version than the sources declare decode with the newest earlier version. */
    public boolean decodesLaterVersions() {
        return laterVersions;
    }

    /** The sources, in the order they are asked. */
    public List<SchemaSource> sources() {
        return sources;
    }

    /** The schema the first source that knows {@code record} gives, after letting every source observe it. */
    public Optional<EventSchema> schemaFor(EventRecord record) {
        observe(record);
        return lookup(record);
    }

    /**
     * Lets every stateful source learn from {@code record} without decoding it: for a consumer that decodes only some
     * records of a stream (a filter after the source) but must let the sources see all of them, in order. Decode the
     * kept records with {@link #decodeObserved(EventRecord)}.
     */
    public void observe(EventRecord record) {
        for (SchemaSource s : stateful) {
            try {
                s.observe(record);
            } catch (RuntimeException e) {
                LOG.debug("schema source {} failed to observe a record", s.origin(), e);
            }
        }
    }

    /** Decodes a record that was already passed to {@link #observe(EventRecord)}; never throws. */
    public DecodedEvent decodeObserved(EventRecord record) {
        Objects.requireNonNull(record, "record");
        Optional<EventSchema> schema = lookup(record);
        if (schema.isPresent()) {
            return PayloadDecoder.decode(record, schema.get());
        }
        Optional<VersionedSchema> earlier = laterVersions ? earlier(record) : Optional.empty();
        return earlier.isEmpty() ? DecodedEvent.undecoded(record)
                : PayloadDecoder.decode(record, earlier.get().schema(), earlier.get().version());
    }

    /**
     * {@return the schema {@link #decodeObserved(EventRecord)} decodes a record already passed to
     * {@link #observe(EventRecord)} with, and the event version it declares (the record's own, or the newest earlier
     * one: see the class comment); empty when no source knows the event} For a writer that decodes the payload
     * itself. Never throws.
     */
    public Optional<VersionedSchema> schemaObserved(EventRecord record) {
        Objects.requireNonNull(record, "record");
        Optional<EventSchema> schema = lookup(record);
        if (schema.isPresent()) {
            return Optional.of(new VersionedSchema(record.descriptor().version(), schema.get()));
        }
        return laterVersions ? earlier(record) : Optional.empty();
    }

    /** The newest earlier version's schema from the first source that gives one (see the class comment). */
    private Optional<VersionedSchema> earlier(EventRecord record) {
        int version = record.descriptor().version();
        if (version <= 0) {
            return Optional.empty();
        }
        for (SchemaSource s : sources) {
            Optional<VersionedSchema> v;
            try {
                v = s.newestEarlierVersion(record);
            } catch (RuntimeException e) {
                LOG.debug("schema source {} failed", s.origin(), e);
                continue;
            }
            if (v != null && v.isPresent() && v.get().version() < version) {
                return v;
            }
        }
        return Optional.empty();
    }

    private Optional<EventSchema> lookup(EventRecord record) {
        for (SchemaSource s : sources) {
            Optional<EventSchema> schema;
            try {
                schema = s.schemaFor(record);
            } catch (RuntimeException e) {
                LOG.debug("schema source {} failed", s.origin(), e);
                continue;
            }
            if (schema != null && schema.isPresent()) {
                return schema;
            }
        }
        return Optional.empty();
    }

    /** The name of provider {@code providerId} from the first source that knows it. */
    public Optional<String> providerName(UUID providerId) {
        for (SchemaSource s : sources) {
            try {
                Optional<String> name = s.providerName(providerId);
                if (name != null && name.isPresent()) {
                    return name;
                }
            } catch (RuntimeException e) {
                LOG.debug("schema source {} failed to name a provider", s.origin(), e);
            }
        }
        return Optional.empty();
    }

    /** {@code record} decoded with the first schema found; never throws. */
    public DecodedEvent decode(EventRecord record) {
        Objects.requireNonNull(record, "record");
        observe(record);
        return decodeObserved(record);
    }

    /** Decodes every record of {@code records}, one {@link DecodedEvent} per record, in order. */
    public Flux<DecodedEvent> decodeAll(Flux<EventRecord> records) {
        return records.map(this::decode);
    }

    /** Builds an {@link EventDecoder}. Not thread-safe. */
    public static final class Builder {
        private final List<SchemaSource> sources = new ArrayList<>();
        private boolean laterVersions = true;

        private Builder() {
        }

        /**
         * Whether a record of a later event version than every source declares is decoded with the newest earlier
         * version's fields, by the sources whose convention allows it (default true). Turn it off where a guess must
         * not pass for a fact (etw-scm's attribution does).
         */
        public Builder laterVersions(boolean on) {
            this.laterVersions = on;
            return this;
        }

        /** Adds a source, asked after those added before it. */
        public Builder add(SchemaSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** The decoder. */
        public EventDecoder build() {
            return new EventDecoder(sources, laterVersions);
        }
    }
}
