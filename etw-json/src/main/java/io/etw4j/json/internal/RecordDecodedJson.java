package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.core.EventRecord;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.VersionedSchema;
import io.etw4j.decode.internal.FlatFieldSink;
import io.etw4j.decode.internal.FlatPayload;
import io.etw4j.decode.internal.PayloadDecoder;
import io.etw4j.decode.internal.PropertyList;
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
            return;
        }
        EventSchema s = found.get().schema();
        int version = found.get().version();
        PropertyList list = PropertyList.of(s.properties());
        PropertyNamesJson n = PropertyNamesJson.of(list);
        boolean built;
        text.emitted = false; // set by build once it has read the whole payload
        try {
            built = n != null && flat.measure(r, s) && text.build(s, n, flat, version, chars);
        } catch (RuntimeException e) {
            // Defensive: nothing was written yet; the decoder's own walk reports what it finds (never throws)
            built = false;
            text.emitted = false;
        }
        if (built) {
            DecodedEventJson.writeRaw(gen, raw.of(text.text, text.length)); // the whole object, one raw value
            return;
        }
        if (!text.emitted) { // not flat, or not read whole by build: the decoder's own walk
            DecodedEventJson.write(gen, chars, PayloadDecoder.decode(r, s, version));
            return;
        }
        // flat and read whole, with a text that is not printable ASCII: the same values through the generator's calls
        g = gen;
        c = chars;
        props = list;
        names = n;
        try {
            DecodedEventJson.writeFlat(gen, chars, s, list, n, flat, this, version);
        } finally {
            g = null;
            c = null;
            props = null;
            names = null;
        }
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
