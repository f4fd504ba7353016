package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.VersionedSchema;
import io.etw4j.decode.internal.FlatFieldSink;
import io.etw4j.decode.internal.FlatPayload;
import io.etw4j.decode.internal.PayloadDecoder;
import io.etw4j.decode.internal.PropertyList;
import io.etw4j.json.DecodeCounts;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes a record with an {@link EventDecoder} and writes its {@code decoded} member (as
 * {@link DecodedEventJson#write(JsonGenerator, JsonChars, io.etw4j.decode.DecodedEvent)} writes
 * {@code decoder.decode(record)}, byte for byte): a payload of a flat schema that fits it whole goes from its bytes to
 * the generator ({@link FlatPayload}: no boxed value, no string for printable ASCII text, no map, no
 * {@code DecodedEvent}), as one raw value built by {@link FlatObjectText} when every text of it is printable ASCII,
 * else through the generator's calls; any other is decoded into a {@code DecodedEvent} and written from it. The caller lets the
 * decoder observe each record first, once, in stream order.
 *
 * <p>Counts what it decodes ({@link #counts()}) as a caller would from {@code decoder.decode(record)}.
 *
 * <p>Not thread-safe: one instance per writer (it holds the reused buffers of the fast path).
 */
public final class RecordDecodedJson implements FlatFieldSink {
    private final EventDecoder decoder;
    private final FlatPayload flat = new FlatPayload();
    private final FlatObjectText text = new FlatObjectText();
    private final RawJsonText raw = new RawJsonText();
    /** The line being written: set for the duration of {@link #write}. */
    private JsonGenerator g;
    private JsonChars c;
    private PropertyList props;
    private PropertyNamesJson names;
    private static final byte[] DECODED_NULL = FlatObjectText.ascii(",\"decoded\":null");
    private static final byte[] DECODED = FlatObjectText.ascii(",\"decoded\":");
    private long decoded;
    private long withoutSchema;
    private long withFieldErrors;
    private long withTrailingBytes;
    private long withEarlierVersion;
    private DecodedEvent firstWithFieldErrors;

    /** @param decoder the decoder whose sources name and lay out the events */
    public RecordDecodedJson(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Decodes {@code r}, which the decoder has {@linkplain EventDecoder#observe observed}, and writes
     * {@code "decoded": ...} into the object {@code gen} is in, formatting into {@code chars}.
     */
    public void write(JsonGenerator gen, JsonChars chars, EventRecord r) throws IOException {
        Optional<VersionedSchema> found = decoder.schemaObserved(r);
        if (found.isEmpty()) {
            DecodedEventJson.writeNull(gen);
            withoutSchema++;
            return;
        }
        EventSchema s = found.get().schema();
        int version = found.get().version();
        PropertyList list = PropertyList.of(s.properties());
        PropertyNamesJson n = PropertyNamesJson.of(list);
        if (buildText(r, s, n, version, chars)) {
            DecodedEventJson.writeRaw(gen, raw.of(text.text, text.length)); // the whole object, one raw value
            countFlat(r, version);
            return;
        }
        if (!text.emitted) { // not flat, or not read whole by build: the decoder's own walk
            DecodedEvent d = PayloadDecoder.decode(r, s, version);
            DecodedEventJson.write(gen, chars, d);
            count(d);
            return;
        }
        // flat and read whole, with a text that is not printable ASCII: the same values through the generator's calls
        g = gen;
        c = chars;
        props = list;
        names = n;
        try {
            DecodedEventJson.writeFlat(gen, chars, s, list, n, flat, this, version);
            countFlat(r, version);
        } finally {
            g = null;
            c = null;
            props = null;
            names = null;
        }
    }

    /**
     * Appends {@code ,"decoded":...} of {@code r} (observed by the decoder) to a line written as bytes, when it can
     * be written as bytes here: no schema ({@code null}), or a flat payload whose every text is printable ASCII, so
     * the bytes are those {@link #write} gives through a generator and the output's UTF-8 encoding.
     *
     * @return false when nothing was appended and counted: write the line through {@link #write} instead
     */
    public boolean appendBytes(JsonBytes b, JsonChars chars, EventRecord r) throws IOException {
        Optional<VersionedSchema> found = decoder.schemaObserved(r);
        if (found.isEmpty()) {
            b.add(DECODED_NULL);
            withoutSchema++;
            return true;
        }
        EventSchema s = found.get().schema();
        int version = found.get().version();
        if (!buildText(r, s, PropertyNamesJson.of(PropertyList.of(s.properties())), version, chars)) {
            return false;
        }
        b.add(DECODED);
        System.arraycopy(text.text, 0, b.room(text.length), b.length, text.length);
        b.length += text.length;
        countFlat(r, version);
        return true;
    }

    /**
     * Builds the {@code decoded} object of {@code r} as one printable-ASCII text ({@link FlatObjectText}) when its
     * payload fits the flat schema {@code s} whole; {@code text.emitted} then says whether the payload was read whole
     * (a false result with it set: a text of the event is not printable ASCII).
     */
    private boolean buildText(EventRecord r, EventSchema s, PropertyNamesJson n, int version, JsonChars chars)
            throws IOException {
        text.emitted = false; // set by build once it has read the whole payload
        try {
            return n != null && flat.measure(r, s) && text.build(s, n, flat, version, chars);
        } catch (RuntimeException e) {
            // Defensive: nothing was written yet; the decoder's own walk reports what it finds (never throws)
            text.emitted = false;
            return false;
        }
    }

    /** Counts a decoded event (the path through {@code DecodedEvent}s). */
    public void count(DecodedEvent d) {
        if (!d.isDecoded()) {
            withoutSchema++;
            return;
        }
        decoded++;
        if (d.trailingBytes() > 0) {
            withTrailingBytes++;
        }
        if (d.isEarlierVersionSchema()) {
            withEarlierVersion++;
        }
        if (!d.errors().isEmpty() && withFieldErrors++ == 0) {
            firstWithFieldErrors = d;
        }
    }

    /** Counts a flat payload read whole ({@link FlatPayload}: no field errors by construction). */
    private void countFlat(EventRecord r, int schemaVersion) {
        decoded++;
        if (flat.trailingBytes() > 0) {
            withTrailingBytes++;
        }
        if (schemaVersion >= 0 && schemaVersion != r.descriptor().version()) {
            withEarlierVersion++;
        }
    }

    /** {@return what was decoded so far} */
    public DecodeCounts counts() {
        return new DecodeCounts(decoded, withoutSchema, withFieldErrors, withTrailingBytes, withEarlierVersion,
                Optional.ofNullable(firstWithFieldErrors));
    }

    @Override
    public void integer(int index, long value, boolean signed) throws IOException {
        names.writeName(g, props, index);
        if (value < 0 && !signed) {
            DecodedEventJson.unsigned(g, c, value);
        } else {
            g.writeNumber(value);
        }
    }

    @Override
    public void bool(int index, boolean value) throws IOException {
        names.writeName(g, props, index);
        g.writeBoolean(value);
    }

    @Override
    public void guid(int index, UUID value) throws IOException {
        names.writeName(g, props, index);
        RecordJson.plain(g, c, c.uuid(value));
    }

    @Override
    public void time(int index, Instant value) throws IOException {
        names.writeName(g, props, index);
        RecordJson.plain(g, c, c.instant(value));
    }

    @Override
    public void ascii(int index, char[] chars, int length) throws IOException {
        names.writeName(g, props, index);
        DecodedEventJson.quoteRaw(g, c.quotedCapacity(2 * length + 2), chars, 0, length);
    }

    @Override
    public void string(int index, String value) throws IOException {
        names.writeName(g, props, index);
        DecodedEventJson.string(g, c, value);
    }
}
