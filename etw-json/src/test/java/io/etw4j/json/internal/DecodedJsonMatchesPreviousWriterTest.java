package io.etw4j.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.decode.internal.FieldMap;
import io.etw4j.decode.internal.FlatPayload;
import io.etw4j.decode.internal.PayloadDecoder;
import io.etw4j.decode.testing.RecordBuilder;
import io.etw4j.json.JsonEscapes;
import io.etw4j.json.schema.SharedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DecodedEventJson} writes, byte for byte, what {@link DecodedEventJsonBefore} (its code before it read field
 * maps by index, pre-encoded names and escaped ASCII strings itself) wrote: for every record of every shared capture
 * decoded as {@code etl-dump --decode} decodes it, and for synthetic events that reach each fallback (names and strings
 * with characters {@link JsonEscapes} escapes, repeated names, a map not built by the decoder, unsigned values above
 * {@code Long.MAX_VALUE}, structs, arrays, lost layouts). Both through the char generator {@link JsonLineOutput} uses
 * and through a UTF-8 byte generator with the same escapes, the two kinds of generator the line writers stream into.
 */
class DecodedJsonMatchesPreviousWriterTest {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(JsonEscapes.INSTANCE).build();
    private static final UUID PROVIDER = UUID.fromString("6a4f2d5e-0d6b-4c1e-9a51-3d2f0c4b8e71");

    /** Both writers side by side, on generators of one kind. */
    private static final class Pair {
        final boolean bytes;
        final StringWriter beforeChars = new StringWriter();
        final StringWriter nowChars = new StringWriter();
        final ByteArrayOutputStream beforeBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream nowBytes = new ByteArrayOutputStream();
        final JsonGenerator before;
        final JsonGenerator now;
        final JsonChars beforeBuffers = new JsonChars();
        final JsonChars nowBuffers = new JsonChars();
        long compared;

        Pair(boolean bytes) throws IOException {
            this.bytes = bytes;
            before = bytes ? FACTORY.createGenerator(beforeBytes, JsonEncoding.UTF8) : FACTORY.createGenerator(beforeChars);
            now = bytes ? FACTORY.createGenerator(nowBytes, JsonEncoding.UTF8) : FACTORY.createGenerator(nowChars);
        }

        /** Writes {@code d} with both and asserts the same output; returns it (as text). */
        String compare(DecodedEvent d, String what) {
            return compare(d, what, () -> DecodedEventJson.write(now, nowBuffers, d));
        }

        /**
         * Writes {@code r} decoded by {@code old} with the previous writer, and {@code r} decoded and written by
         * {@code decoding} (whose decoder {@code observer} is, a twin of {@code old}), and asserts the same output.
         */
        String compare(EventRecord r, EventDecoder old, EventDecoder observer, RecordDecodedJson decoding,
                String what) {
            DecodedEvent d = old.decode(r);
            observer.observe(r);
            return compare(d, what, () -> decoding.write(now, nowBuffers, r));
        }

        private String compare(DecodedEvent d, String what, Body nowBody) {
            try {
                before.writeStartObject();
                DecodedEventJsonBefore.write(before, beforeBuffers, d);
                before.writeEndObject();
                before.flush();
                now.writeStartObject();
                nowBody.write();
                now.writeEndObject();
                now.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String expected;
            if (bytes) {
                byte[] b = beforeBytes.toByteArray();
                byte[] n = nowBytes.toByteArray();
                expected = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                assertThat(Arrays.equals(n, b)).as("%s (UTF-8 generator): %s%nwas   %s", what,
                        new String(n, java.nio.charset.StandardCharsets.UTF_8), expected).isTrue();
                beforeBytes.reset();
                nowBytes.reset();
            } else {
                expected = beforeChars.toString();
                assertThat(nowChars.toString()).as("%s (char generator)", what).isEqualTo(expected);
                beforeChars.getBuffer().setLength(0);
                nowChars.getBuffer().setLength(0);
            }
            compared++;
            return expected;
        }
    }

    private interface Body {
        void write() throws IOException;
    }

    static EventDecoder decoder() {
        return EventDecoder.builder().add(TraceLoggingSchemas.create()).add(EmbeddedEventInfoSchemas.create())
                .add(EventSourceSchemas.create()).add(KernelMofSchemas.create()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"net.4.5.2.x64.etl", "powershell.etl", "lxcore_kernel.etl", "AMSITrace.etl",
        "ShutdownPerfDiagLogger.etl"})
    void everyRecordOfTheSharedCaptures(String capture) throws IOException {
        Optional<Path> file = SharedSchemas.etl(capture);
        assumeTrue(file.isPresent(), "shared/etl/" + capture + " not found");
        EventDecoder decoder = decoder();
        EventDecoder oldDecoder = decoder();
        EventDecoder charsDecoder = decoder();
        EventDecoder bytesDecoder = decoder();
        RecordDecodedJson charsDecoding = new RecordDecodedJson(charsDecoder);
        RecordDecodedJson bytesDecoding = new RecordDecodedJson(bytesDecoder);
        Pair chars = new Pair(false);
        Pair bytes = new Pair(true);
        Pair decodingChars = new Pair(false);
        Pair decodingBytes = new Pair(true);
        FlatPayload flat = new FlatPayload();
        long[] seen = new long[3];
        // and as one stream, never flushed between records: values cross the generators' buffer ends
        EventDecoder streamDecoder = decoder();
        RecordDecodedJson streamChars = new RecordDecodedJson(streamDecoder);
        StringWriter beforeStream = new StringWriter();
        StringWriter nowStream = new StringWriter();
        ByteArrayOutputStream beforeUtf8 = new ByteArrayOutputStream();
        ByteArrayOutputStream nowUtf8 = new ByteArrayOutputStream();
        JsonGenerator[] gens = {FACTORY.createGenerator(beforeStream), FACTORY.createGenerator(nowStream),
            FACTORY.createGenerator(beforeUtf8, JsonEncoding.UTF8), FACTORY.createGenerator(nowUtf8, JsonEncoding.UTF8)};
        JsonChars streamBuffers = new JsonChars();
        EtlFile.open(file.get()).records().doOnNext(r -> {
            DecodedEvent d = decoder.decode(r);
            streamDecoder.observe(r);
            try {
                for (int k = 0; k < 4; k++) {
                    gens[k].writeStartObject();
                    if (k % 2 == 0) {
                        DecodedEventJsonBefore.write(gens[k], streamBuffers, d);
                    } else {
                        streamChars.write(gens[k], streamBuffers, r); // the decoder observed r once, for both
                    }
                    gens[k].writeEndObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String what = capture + " record " + seen[0]++;
            chars.compare(d, what);
            bytes.compare(d, what);
            decodingChars.compare(r, oldDecoder, charsDecoder, charsDecoding, what);
            decodingBytes.compare(r, oldDecoder, bytesDecoder, bytesDecoding, what);
            if (d.isDecoded()) {
                seen[1]++;
                if (flat.measure(r, d.schema().get())) {
                    seen[2]++;
                }
            }
        }).blockLast();
        for (JsonGenerator g : gens) {
            g.flush();
        }
        assertThat(nowStream.toString()).isEqualTo(beforeStream.toString());
        assertThat(Arrays.equals(nowUtf8.toByteArray(), beforeUtf8.toByteArray())).as("UTF-8 stream").isTrue();
        if (seen[0] > 10_000) {
            assertThat(beforeStream.getBuffer().length()).isGreaterThan(100_000); // many generator buffers long
        }
        assertThat(chars.compared).isEqualTo(seen[0]).isPositive();
        assertThat(decodingBytes.compared).isEqualTo(seen[0]);
        assertThat(seen[1]).as("decoded records of %s", capture).isPositive();
        System.out.printf("%s: %d records, %d decoded, %d by the flat path%n", capture, seen[0], seen[1], seen[2]);
        if (capture.equals("ShutdownPerfDiagLogger.etl")) {
            // the kernel MOF classes of the benchmark's capture are flat: the fast path is the one compared here
            assertThat(seen[2]).isGreaterThan(seen[1] * 9 / 10);
        }
    }

    private static PropertySchema prop(String name, InType in) {
        return PropertySchema.of(name, in);
    }

    private static EventSchema schema(List<PropertySchema> props) {
        return EventSchema.of(PROVIDER, "Prov\u2028ider \"q\"", "Ev\u00e9nt\\x", props, SchemaOrigin.MANIFEST);
    }

    private static String both(DecodedEvent d, String what) throws IOException {
        String text = new Pair(false).compare(d, what);
        new Pair(true).compare(d, what);
        return text;
    }

    @Test
    void stringsAndNamesWithCharactersTheEscapesChange() throws IOException {
        String[] values = {"plain", "", "quote\" back\\slash /", "tab\t nl\n cr\r", "del\u007f", "nel\u0085",
            "\u00e9t\u00e9", "ls\u2028ps\u2029", "bidi\u202e\u200f", "emoji \ud83d\ude00", "lone \ud83d", "\u0000nul"};
        String[] names = {"Plain", "Quote\"Name", "Back\\Name", "Del\u007fName", "Ls\u2028Name", "N\u00e4me",
            "Tab\tName", "Emoji\ud83d\ude00", "Bidi\u202eName", "Nel\u0085Name", "Ctl\u0001Name", "Last"};
        List<PropertySchema> props = new java.util.ArrayList<>();
        for (String n : names) {
            props.add(prop(n, InType.UNICODESTRING).withOutType(OutType.HEXINT32));
        }
        EventSchema s = schema(props);
        RecordBuilder b = RecordBuilder.of(s);
        for (int i = 0; i < names.length; i++) {
            b.add(names[i], values[i]);
        }
        DecodedEvent d = PayloadDecoder.decode(b.build(), s);
        assertThat(d.fields()).isInstanceOf(FieldMap.class).hasSize(names.length);
        String text = both(d, "strings");
        assertThat(text).contains("\\u2028", "\\u007F", "\\\"", "\\\\", "\\u202E", "\\t");
    }

    @Test
    void integersStructsArraysAndHexFields() throws IOException {
        PropertySchema member = prop("Addr", InType.POINTER);
        PropertySchema struct = new PropertySchema("Items", InType.NULL, OutType.NULL,
                io.etw4j.decode.PropertySize.natural(), new PropertyCount.Fixed(2),
                List.of(member, prop("Name", InType.ANSISTRING), prop("Signed", InType.INT64)), Optional.empty());
        List<PropertySchema> props = List.of(prop("Big", InType.UINT64), prop("Min", InType.UINT64),
                prop("Neg", InType.INT64), prop("Hex", InType.HEXINT64), prop("Ptr", InType.POINTER),
                prop("Small", InType.UINT8), prop("Flag", InType.BOOLEAN), prop("F", InType.FLOAT),
                prop("D", InType.DOUBLE), prop("G", InType.GUID), prop("Bin", InType.HEXDUMP),
                prop("Count", InType.UINT16), prop("Arr", InType.UINT32).withCount(new PropertyCount.FromProperty(
                        "Count")), struct);
        EventSchema s = schema(props);
        EventRecord r = RecordBuilder.of(s).add("Big", -1L).add("Min", Long.MIN_VALUE).add("Neg", -5L)
                .add("Hex", -2L).add("Ptr", 0xFFFF_F800_0123_4567L).add("Small", 200).add("Flag", true)
                .add("F", 1.5f).add("D", -2.25).add("G", PROVIDER).add("Bin", new byte[] {1, (byte) 0xAB})
                .add("Arr", List.of(7L, 4_000_000_000L)).add("Items", List.of(
                        Map.of("Addr", -16L, "Name", "a\\b", "Signed", -1L),
                        Map.of("Addr", 16L, "Name", "caf\u00e9", "Signed", Long.MIN_VALUE))).build();
        DecodedEvent d = PayloadDecoder.decode(r, s);
        assertThat(d.errors()).isEmpty();
        String text = both(d, "integers");
        assertThat(text).contains("\"Big\":18446744073709551615", "\"Min\":9223372036854775808", "\"Neg\":-5",
                "\"Addr\":18446744073709551600", "\"Signed\":-1", "\"hexFields\":[\"Hex\",\"Ptr\"]");
        // a truncated payload: some fields, errors, the layout lost
        EventRecord cut = r.toBuilder().payload(Arrays.copyOf(r.payload(), 20)).build();
        DecodedEvent lost = PayloadDecoder.decode(cut, s);
        assertThat(lost.errors()).isNotEmpty();
        both(lost, "truncated");
    }

    @Test
    void repeatedNamesAndMapsNotBuiltByTheDecoderAreWrittenByName() throws IOException {
        List<PropertySchema> props = List.of(prop("A", InType.UINT32), prop("B", InType.UINT64),
                prop("A", InType.UNICODESTRING), prop("C", InType.HEXINT32));
        EventSchema s = schema(props);
        byte[] payload = io.etw4j.core.testing.LeBytes.le().u32(5).u64(-3L).utf16z("x\u2028").u32(9).bytes();
        EventRecord r = RecordBuilder.of(schema(List.of())).build().toBuilder().payload(payload).build();
        DecodedEvent d = PayloadDecoder.decode(r, s);
        assertThat(d.fields()).isInstanceOf(FieldMap.class).containsEntry("A", "x\u2028").hasSize(3);
        assertThat(both(d, "repeated names")).contains("\"A\":\"x\\u2028\"");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("B", -3L);
        m.put("Unknown", "v\u2028");
        m.put("C", 9L);
        DecodedEvent hand = new DecodedEvent(r, Optional.of(s), m, List.of(new FieldError("A", 0, "bad")));
        String text = both(hand, "hand-built map");
        assertThat(text).contains("\"B\":18446744073709551613", "\"Unknown\":\"v\\u2028\"", "\"errors\":[");
        both(DecodedEvent.undecoded(r), "undecoded");
    }

    /** A decoder whose one source gives {@code schema} for every record. */
    private static EventDecoder decoderOf(EventSchema schema) {
        return EventDecoder.builder().add(new io.etw4j.decode.SchemaSource() {
            @Override
            public SchemaOrigin origin() {
                return SchemaOrigin.MOF;
            }

            @Override
            public Optional<EventSchema> schemaFor(EventRecord record) {
                return Optional.of(schema);
            }
        }).build();
    }

    @Test
    void flatPayloadsWrittenFromTheirBytesEqualTheDecodedEvents() throws IOException {
        List<PropertySchema> props = List.of(prop("I8", InType.INT8), prop("U64", InType.UINT64),
                prop("Ptr", InType.POINTER), prop("Size", InType.SIZET), prop("H32", InType.HEXINT32),
                prop("Flag", InType.BOOLEAN), prop("G", InType.GUID), prop("T", InType.FILETIME),
                prop("W", InType.UNICODESTRING), prop("Fixed", InType.UNICODESTRING).withSize(
                        new io.etw4j.decode.PropertySize.Fixed(4)),
                prop("A", InType.ANSISTRING), prop("U8", InType.ANSISTRING).withOutType(OutType.UTF8),
                prop("AFixed", InType.ANSISTRING).withSize(new io.etw4j.decode.PropertySize.Fixed(3)),
                prop("Last", InType.UNICODESTRING));
        EventSchema s = schema(props);
        String[] texts = {"C:\\Windows\\\"x\"", "\u00e9t\u00e9", "ls\u2028", "emoji \ud83d\ude00", "lone \ud83d x",
            "", "tab\t", "del\u007f"};
        List<byte[]> payloads = new java.util.ArrayList<>();
        for (String t : texts) {
            for (int ptr : new int[] {4, 8}) {
                for (boolean asciiAnsi : new boolean[] {true, false}) {
                    io.etw4j.core.testing.LeBytes b = io.etw4j.core.testing.LeBytes.le().u8(0xFE).u64(-1L)
                            .pointer(0xFFFF_F800_0000_0010L, ptr).pointer(-2L, ptr).u32(0xFFFF_FFF0L).u32(2)
                            .guid(PROVIDER).u64(132_000_000_000_000_000L).utf16z(t).utf16("ab").u16(0).u16(0)
                            .raw((asciiAnsi ? "cafe\u0000" : "caf\u00e9\u0000").getBytes(
                                    java.nio.charset.StandardCharsets.ISO_8859_1))
                            .utf8z((asciiAnsi ? "uber " : "\u00fcber ") + t).raw('x', 0, 0).utf16(t);
                    payloads.add(b.bytes());
                    payloads.add(io.etw4j.core.testing.LeBytes.le().raw(b.bytes()).raw(0, 0, 1, 2, 3).bytes());
                }
            }
        }
        byte[] full = payloads.get(0);
        for (int cut = 0; cut < full.length; cut += 3) {
            payloads.add(Arrays.copyOf(full, cut)); // runs short somewhere: the decoder's own path
        }
        int[] counts = new int[2];
        byte[] badTime = full.clone();
        badTime[1 + 8 + 4 + 4 + 4 + 4 + 16 + 7] = (byte) 0x80; // 4-byte pointers: the FILETIME top byte, out of range
        payloads.add(badTime);
        // the names of the provider and event not printable ASCII, then printable: the generator's calls, one raw value
        for (EventSchema schema : List.of(s, EventSchema.of(PROVIDER, "Prov \"q\" \\", "Ev/ent", props,
                SchemaOrigin.MANIFEST))) {
            compareFlat(schema, payloads, counts);
        }
        int fast = counts[0];
        int raw = counts[1];
        assertThat(fast).as("payloads taken by the flat path").isGreaterThan(2 * texts.length);
        assertThat(raw).as("flat payloads written as one raw value").isPositive().isLessThan(fast);
        assertThat(fast).as("payloads left to the decoder").isLessThan(4 * payloads.size()); // 2 schemas x 2 headers
    }

    /** Compares both paths for each payload under {@code s}; counts[0]: by the flat path, counts[1]: as a raw value. */
    private static void compareFlat(EventSchema s, List<byte[]> payloads, int[] counts) throws IOException {
        EventDecoder old = decoderOf(s);
        EventDecoder observer = decoderOf(s);
        RecordDecodedJson decoding = new RecordDecodedJson(observer);
        Pair chars = new Pair(false);
        EventDecoder bytesObserver = decoderOf(s);
        RecordDecodedJson bytesDecoding = new RecordDecodedJson(bytesObserver);
        Pair bytes = new Pair(true);
        EventRecord base = RecordBuilder.of(schema(List.of())).build();
        FlatPayload flat = new FlatPayload();
        FlatObjectText text = new FlatObjectText();
        PropertyNamesJson names = PropertyNamesJson.of(io.etw4j.decode.internal.PropertyList.of(s.properties()));
        int fast = 0;
        int raw = 0;
        for (int k = 0; k < payloads.size(); k++) {
            for (boolean header32 : new boolean[] {false, true}) {
                EventRecord r = base.toBuilder().payload(payloads.get(k))
                        .flags(header32 ? io.etw4j.core.EventRecord.FLAG_32_BIT_HEADER
                                : io.etw4j.core.EventRecord.FLAG_64_BIT_HEADER).build();
                if (flat.measure(r, s)) {
                    fast++;
                    raw += text.build(s, names, flat, 0, new JsonChars()) ? 1 : 0;
                }
                chars.compare(r, old, observer, decoding, "payload " + k + " 32-bit " + header32);
                bytes.compare(r, decoderOf(s), bytesObserver, bytesDecoding, "payload " + k + " 32-bit " + header32);
            }
        }
        counts[0] += fast;
        counts[1] += raw;
    }
}
