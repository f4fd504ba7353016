package io.etw4j.decode.testing;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.EventRecordBuilder;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Test fixture (etw-decode's test-jar): builds the {@link EventRecord} of an event from its {@link EventSchema} and
 * named values, the payload laid out as the schema says, so that a test states what an event carries and not where
 * its bytes go. Modelled on krabsetw's {@code krabs::testing::record_builder} (the builder of synthetic
 * EVENT_RECORDs from a provider's schema): values are added by name; {@link #build()} refuses a record with any
 * property left out and names every one of them; {@link #buildIncomplete()} fills a left-out property with zeros of
 * its natural size (an empty NUL-terminated string, nothing for variable-length data), like krabsetw's
 * {@code pack_incomplete}.
 *
 * <p>Layouts (little-endian, by {@link LeBytes}): integers in their in-type's size (pointer-sized ones in the
 * record's pointer size), strings UTF-16LE or 8-bit with a NUL unless the schema gives a length (then exactly that
 * many characters, no NUL), GUIDs in guiddef.h order, FILETIME and SYSTEMTIME from {@link Instant} (UTC), SIDs from
 * {@code "S-1-..."} text or bytes, counted strings and binaries with their count, arrays from a {@link List} (a
 * {@link PropertyCount.PrefixedU16} array with its UINT16 count), structs from a {@link Map} of member values. An
 * {@link OutType#IPV4} UINT32 takes an {@link InetAddress} in network order, an {@link OutType#PORT} UINT16 is written
 * big-endian. A length or count property that is left out is filled in from the value it measures. A value of the
 * wrong Java type for its in-type is refused with the property's name. Not thread-safe; one test's own.
 */
public final class RecordBuilder {
    private final EventSchema schema;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private EventRecordBuilder header;
    private int pointerSize = 8;
    private boolean trimLastTerminator;

    private RecordBuilder(EventSchema schema, int id, int version) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.header = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(schema.providerId())
                .descriptor(new EventDescriptor(id, version, 0, 4, 0, 0, 0L)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .processId(1000).threadId(1004).timestamp(Instant.parse("2024-05-01T10:00:00Z"));
    }

    /** A builder of records of event {@code id}, version {@code version} of {@code schema}'s provider. */
    public static RecordBuilder of(EventSchema schema, int id, int version) {
        return new RecordBuilder(schema, id, version);
    }

    /** A builder of records of {@code schema} with event id and version 0 (TraceLogging, MOF, tests of one event). */
    public static RecordBuilder of(EventSchema schema) {
        return new RecordBuilder(schema, 0, 0);
    }

    /** Adds (or replaces) the value of top-level property {@code name}. */
    public RecordBuilder add(String name, Object value) {
        property(schema.properties(), name);
        values.put(name, value);
        return this;
    }

    /** A record from a 32-bit process: pointer-sized values take 4 bytes, and the header says so. */
    public RecordBuilder pointerSize32() {
        pointerSize = 4;
        header.flags(EventRecord.FLAG_32_BIT_HEADER);
        return this;
    }

    /**
     * Leaves out the NUL of the last property when it is a NUL-terminated string, as ETW may (krabsetw's
     * {@code trim_string_null_terminator}).
     */
    public RecordBuilder trimLastStringTerminator() {
        trimLastTerminator = true;
        return this;
    }

    /** Direct access to the header (descriptor, flags, process, time ...), like krabsetw's {@code header()}. */
    public RecordBuilder header(UnaryOperator<EventRecordBuilder> change) {
        header = change.apply(header);
        return this;
    }

    /** The names of the properties (struct members as {@code struct.member}) no value was added for. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        layout(LeBytes.le(), missing);
        return missing;
    }

    /**
     * The record.
     *
     * @throws IllegalStateException naming every property (or struct member) no value was added for
     */
    public EventRecord build() {
        List<String> missing = new ArrayList<>();
        byte[] payload = layout(LeBytes.le(), missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not all the properties of the event were filled: " + missing
                    + " (buildIncomplete() fills them with zeros)");
        }
        return header.payload(payload).build();
    }

    /** The record, a left-out property filled with zeros of its natural size. */
    public EventRecord buildIncomplete() {
        return header.payload(layout(LeBytes.le(), new ArrayList<>())).build();
    }

    private byte[] layout(LeBytes out, List<String> missing) {
        int lastTerminator = level(schema.properties(), values, "", out, missing);
        byte[] b = out.bytes();
        return trimLastTerminator && lastTerminator > 0 ? Arrays.copyOf(b, b.length - lastTerminator) : b;
    }

    /** Writes one struct level; returns the size of the NUL its last property ended with (0: none). */
    private int level(List<PropertySchema> props, Map<String, ?> given, String prefix, LeBytes out,
            List<String> missing) {
        Map<String, Object> level = new LinkedHashMap<>(given);
        derive(props, level);
        int terminator = 0;
        for (PropertySchema p : props) {
            Object v = level.get(p.name());
            if (v == null) {
                missing.add(prefix + p.name());
            }
            terminator = elements(p, v, prefix, out, missing);
        }
        return terminator;
    }

    /** Fills a left-out length or count property from the value it measures. */
    private static void derive(List<PropertySchema> props, Map<String, Object> level) {
        for (PropertySchema p : props) {
            Object v = level.get(p.name());
            if (v == null) {
                continue;
            }
            if (p.count() instanceof PropertyCount.FromProperty && v instanceof List) {
                level.putIfAbsent(((PropertyCount.FromProperty) p.count()).property(), (long) ((List<?>) v).size());
            }
            if (p.size() instanceof PropertySize.FromProperty) {
                long length = v instanceof byte[] ? ((byte[]) v).length
                        : v instanceof String ? ((String) v).length() : -1;
                if (length >= 0) {
                    level.putIfAbsent(((PropertySize.FromProperty) p.size()).property(), length);
                }
            }
        }
    }

    private int elements(PropertySchema p, Object v, String prefix, LeBytes out, List<String> missing) {
        PropertyCount c = p.count();
        if (c instanceof PropertyCount.Single) {
            return element(p, v, prefix, out, missing);
        }
        List<?> list = v == null ? null : cast(p, v, List.class);
        int n = list != null ? list.size() : c instanceof PropertyCount.Fixed ? ((PropertyCount.Fixed) c).value() : 0;
        if (c instanceof PropertyCount.Fixed && n != ((PropertyCount.Fixed) c).value()) {
            throw new IllegalArgumentException(prefix + p.name() + ": " + n + " elements, the schema says "
                    + ((PropertyCount.Fixed) c).value());
        }
        if (c instanceof PropertyCount.PrefixedU16) {
            out.u16(n);
        }
        int terminator = 0;
        for (int i = 0; i < n; i++) {
            terminator = element(p, list == null ? null : list.get(i), prefix, out, missing);
        }
        return terminator;
    }

    private int element(PropertySchema p, Object v, String prefix, LeBytes out, List<String> missing) {
        if (p.isStruct()) {
            Map<String, ?> members = v == null ? Map.of() : castMap(p, v);
            return level(p.members(), members, prefix + p.name() + ".", out, v == null ? new ArrayList<>() : missing);
        }
        return v == null ? zeros(p, out) : value(p, v, out);
    }

    /** A left-out value: zeros of the in-type's natural size; returns the NUL's size for a string. */
    private int zeros(PropertySchema p, LeBytes out) {
        InType t = p.inType();
        int len = p.size() instanceof PropertySize.Fixed ? ((PropertySize.Fixed) p.size()).value() : -1;
        switch (t) {
            case UNICODESTRING:
                out.zeros(len >= 0 ? 2 * len : 2);
                return len >= 0 ? 0 : 2;
            case ANSISTRING:
                out.zeros(len >= 0 ? len : 1);
                return len >= 0 ? 0 : 1;
            case BINARY:
                out.zeros(Math.max(len, 0));
                return 0;
            case MANIFEST_COUNTEDSTRING: case COUNTEDSTRING: case REVERSEDCOUNTEDSTRING:
            case MANIFEST_COUNTEDANSISTRING: case COUNTEDANSISTRING: case REVERSEDCOUNTEDANSISTRING:
            case MANIFEST_COUNTEDBINARY:
                out.u16(0);
                return 0;
            case POINTER: case SIZET:
                out.zeros(pointerSize);
                return 0;
            default:
                out.zeros(Math.max(t.fixedSize(), 0));
                return 0;
        }
    }

    /** Writes one value of a simple property; returns the size of the NUL it ended with (0: none). */
    private int value(PropertySchema p, Object v, LeBytes out) {
        InType t = p.inType();
        int len = p.size() instanceof PropertySize.Fixed ? ((PropertySize.Fixed) p.size()).value() : -1;
        boolean measured = p.size() instanceof PropertySize.FromProperty;
        switch (t) {
            case NULL:
                return 0;
            case UNICODESTRING:
            case NONNULLTERMINATEDSTRING: {
                String s = cast(p, v, String.class);
                if (len >= 0) {
                    out.utf16(fit(p, s, len));
                } else if (measured || t == InType.NONNULLTERMINATEDSTRING) {
                    out.utf16(s);
                } else {
                    out.utf16z(s);
                    return 2;
                }
                return 0;
            }
            case ANSISTRING:
            case NONNULLTERMINATEDANSISTRING: {
                String s = cast(p, v, String.class);
                if (len >= 0) {
                    out.raw(fit(p, s, len).getBytes(StandardCharsets.ISO_8859_1));
                } else if (measured || t == InType.NONNULLTERMINATEDANSISTRING) {
                    out.raw(s.getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    out.ansiz(s);
                    return 1;
                }
                return 0;
            }
            case MANIFEST_COUNTEDSTRING:
            case COUNTEDSTRING: {
                byte[] s = cast(p, v, String.class).getBytes(StandardCharsets.UTF_16LE);
                out.u16(s.length).raw(s);
                return 0;
            }
            case REVERSEDCOUNTEDSTRING: {
                byte[] s = cast(p, v, String.class).getBytes(StandardCharsets.UTF_16LE);
                out.raw(s.length >>> 8, s.length).raw(s);
                return 0;
            }
            case MANIFEST_COUNTEDANSISTRING:
            case COUNTEDANSISTRING: {
                byte[] s = cast(p, v, String.class).getBytes(StandardCharsets.ISO_8859_1);
                out.u16(s.length).raw(s);
                return 0;
            }
            case REVERSEDCOUNTEDANSISTRING: {
                byte[] s = cast(p, v, String.class).getBytes(StandardCharsets.ISO_8859_1);
                out.raw(s.length >>> 8, s.length).raw(s);
                return 0;
            }
            case UNICODECHAR:
                out.u16(singleChar(p, v));
                return 0;
            case ANSICHAR:
                out.u8(singleChar(p, v));
                return 0;
            case BINARY:
                out.raw(binary(p, v, len));
                return 0;
            case MANIFEST_COUNTEDBINARY: {
                byte[] b = cast(p, v, byte[].class);
                out.u16(b.length).raw(b);
                return 0;
            }
            case HEXDUMP: {
                byte[] b = cast(p, v, byte[].class);
                out.u32(b.length).raw(b);
                return 0;
            }
            case GUID:
                out.guid(cast(p, v, UUID.class));
                return 0;
            case FILETIME:
                out.fileTime(cast(p, v, Instant.class));
                return 0;
            case SYSTEMTIME: {
                LocalDateTime d = LocalDateTime.ofInstant(cast(p, v, Instant.class), ZoneOffset.UTC);
                out.u16(d.getYear()).u16(d.getMonthValue()).u16(d.getDayOfWeek().getValue() % 7)
                        .u16(d.getDayOfMonth()).u16(d.getHour()).u16(d.getMinute()).u16(d.getSecond())
                        .u16(d.getNano() / 1_000_000);
                return 0;
            }
            case SID:
            case WBEMSID:
                out.raw(v instanceof String ? sid(p, (String) v) : cast(p, v, byte[].class));
                return 0;
            case BOOLEAN:
                out.u32(cast(p, v, Boolean.class) ? 1 : 0);
                return 0;
            case FLOAT:
                out.f32(cast(p, v, Number.class).floatValue());
                return 0;
            case DOUBLE:
                out.f64(cast(p, v, Number.class).doubleValue());
                return 0;
            default:
                integer(p, v, out);
                return 0;
        }
    }

    private void integer(PropertySchema p, Object v, LeBytes out) {
        InType t = p.inType();
        int size = t == InType.POINTER || t == InType.SIZET ? pointerSize : t.fixedSize();
        if (!t.isInteger() || size <= 0) {
            throw new IllegalArgumentException(p.name() + ": in-type " + t + " is not supported by RecordBuilder");
        }
        if (p.outType() == OutType.IPV4 && size == 4 && v instanceof InetAddress) {
            out.raw(((InetAddress) v).getAddress());
            return;
        }
        long n = cast(p, v, Number.class).longValue();
        if (p.outType() == OutType.PORT && size == 2) {
            out.raw((int) (n >>> 8), (int) n);
            return;
        }
        out.le(n, size);
    }

    private static byte[] binary(PropertySchema p, Object v, int len) {
        byte[] b = v instanceof InetAddress ? ((InetAddress) v).getAddress() : cast(p, v, byte[].class);
        if (len >= 0 && b.length != len) {
            throw new IllegalArgumentException(p.name() + ": " + b.length + " bytes, the schema says " + len);
        }
        return b;
    }

    /** winnt.h SID: revision, sub-authority count, 6-byte big-endian authority, 4-byte LE sub-authorities. */
    private static byte[] sid(PropertySchema p, String text) {
        String[] parts = text.split("-");
        if (parts.length < 3 || !parts[0].equals("S")) {
            throw new IllegalArgumentException(p.name() + ": not a SID: " + text);
        }
        long authority = Long.parseLong(parts[2]);
        LeBytes b = LeBytes.le().u8(Integer.parseInt(parts[1])).u8(parts.length - 3);
        for (int i = 5; i >= 0; i--) {
            b.u8((int) (authority >>> (8 * i)));
        }
        for (int i = 3; i < parts.length; i++) {
            b.u32(Long.parseLong(parts[i]));
        }
        return b.bytes();
    }

    private static String fit(PropertySchema p, String s, int chars) {
        if (s.length() > chars) {
            throw new IllegalArgumentException(p.name() + ": \"" + s + "\" is longer than its " + chars
                    + " characters");
        }
        return s + "\0".repeat(chars - s.length());
    }

    private static int singleChar(PropertySchema p, Object v) {
        if (v instanceof Character) {
            return (Character) v;
        }
        String s = cast(p, v, String.class);
        if (s.length() != 1) {
            throw new IllegalArgumentException(p.name() + ": one character expected, got \"" + s + "\"");
        }
        return s.charAt(0);
    }

    private static <T> T cast(PropertySchema p, Object v, Class<T> type) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("Invalid value for property " + p.name() + " (in-type " + p.inType()
                    + "): expected " + type.getSimpleName() + ", received " + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(PropertySchema p, Object v) {
        Map<String, ?> m = cast(p, v, Map.class);
        for (String name : m.keySet()) {
            property(p.members(), name);
        }
        return m;
    }

    private static PropertySchema property(List<PropertySchema> props, String name) {
        for (PropertySchema p : props) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("the schema has no property " + name + "; it has "
                + props.stream().map(PropertySchema::name).collect(Collectors.toList()));
    }
}
