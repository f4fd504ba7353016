package io.etw4j.decode.internal.eventinfo;

import static io.etw4j.decode.internal.eventinfo.TdhLayout.*;

import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one reader of TRACE_EVENT_INFO (tdh.h) in etw4j: the blobs embedded in .etl files (KernelTraceControl MetaData
 * EventInfo records) and the buffers TdhGetEventInformation fills on a live Windows host both go through
 * {@link #parse}. Stateless and thread-safe; never throws on any bytes: a blob whose fixed part or property array does
 * not fit gives empty, and a property that cannot be described (an unknown in-type, a struct member index out of
 * range or cyclic) becomes a property the payload walk reports as an error, so the properties before it still decode.
 *
 * <p>How the structure becomes an {@link EventSchema}, field by field (learn.microsoft.com "TRACE_EVENT_INFO
 * structure", "EVENT_PROPERTY_INFO structure", "PROPERTY_FLAGS enumeration"):
 * <ul>
 *   <li>Offsets are from the start of the blob; an offset of 0 means "absent"; strings are NUL-terminated UTF-16LE.</li>
 *   <li>The first TopLevelPropertyCount entries of EventPropertyInfoArray are the payload's properties; a
 *       PropertyStruct entry's members are the NumOfStructMembers entries from StructStartIndex.</li>
 *   <li>PropertyParamCount: the element count is the value of the property at countPropertyIndex; otherwise count
 *       is a fixed array when PropertyParamFixedCount is set or count &gt; 1 (older TDH sets no flag), else one
 *       element (a count of 0 without the flag is taken as one element).</li>
 *   <li>PropertyParamLength: the length is the value of the property at lengthPropertyIndex; otherwise a non-zero
 *       length (or any length with PropertyParamFixedLength) is a fixed length for strings and binary in-types. For
 *       strings the length is taken in characters, the unit of the manifest's {@code length} attribute (inferred: the
 *       documentation says "bytes" for the member in general); fixed-size types keep their own size.</li>
 *   <li>MapNameOffset names a value or bit map; {@code maps} resolves it (an embedded EventMapInfo record, or
 *       TdhGetEventMapInformation); an unresolved map leaves the property without names.</li>
 *   <li>A PropertyHasCustomSchema entry is read with its fallback in-type (tdh.h puts e.g. BINARY there).</li>
 * </ul>
 */
public final class TraceEventInfoParser {
    /** The deepest struct nesting followed. */
    static final int MAX_DEPTH = 32;
    /** The most property nodes built for one event (a bound against structs that share members). */
    static final int MAX_NODES = 4096;
    /** The most keyword names read. */
    static final int MAX_KEYWORDS = 64;

    private TraceEventInfoParser() {
    }

    /**
     * The event described by the TRACE_EVENT_INFO in {@code b[off, off+len)}, if it can be read.
     *
     * @param source what to record as the schema's source
     * @param maps   resolves a map name to its map (never throws; empty when unknown)
     */
    public static Optional<ParsedEventInfo> parse(byte[] b, int off, int len, SchemaOrigin source,
            Function<String, Optional<ValueMap>> maps) {
        if (b == null || off < 0 || len < TEI_PROPERTY_ARRAY || off > b.length - len) {
            return Optional.empty();
        }
        try {
            return new Reader(new Blob(b, off, off + len), maps).read(source);
        } catch (RuntimeException e) {
            return Optional.empty(); // defensive: a bug here must not fail a stream
        }
    }

    private static final class Reader {
        final Blob t;
        final Function<String, Optional<ValueMap>> maps;
        long propertyCount;
        int nodes;

        Reader(Blob t, Function<String, Optional<ValueMap>> maps) {
            this.t = t;
            this.maps = maps;
        }

        Optional<ParsedEventInfo> read(SchemaOrigin source) {
            UUID provider = t.guid(TEI_PROVIDER_GUID);
            UUID eventGuid = t.guid(TEI_EVENT_GUID);
            int d = TEI_EVENT_DESCRIPTOR;
            int id = t.u16(d);
            int version = t.u8(d + 2);
            int opcode = t.u8(d + 5);
            int decodingSource = (int) t.u32(TEI_DECODING_SOURCE);
            propertyCount = t.u32(TEI_PROPERTY_COUNT);
            long topLevel = t.u32(TEI_TOP_LEVEL_PROPERTY_COUNT);
            if (propertyCount < 0 || !t.fits(TEI_PROPERTY_ARRAY, propertyCount * EPI_SIZE) || topLevel < 0
                    || topLevel > propertyCount) {
                return Optional.empty();
            }
            List<PropertySchema> props = new ArrayList<>();
            for (int i = 0; i < topLevel; i++) {
                props.add(property(i, new ArrayList<>()));
            }
            String eventName = name(TEI_EVENT_NAME_OFFSET);
            String taskName = name(TEI_TASK_NAME_OFFSET);
            boolean classic = decodingSource == DECODING_SOURCE_WBEM && eventGuid != null
                    && !eventGuid.equals(new UUID(0, 0));
            EventSchema schema = new EventSchema(classic ? eventGuid : provider,
                    Optional.ofNullable(name(TEI_PROVIDER_NAME_OFFSET)),
                    Optional.ofNullable(eventName != null ? eventName : taskName), Optional.ofNullable(taskName),
                    Optional.ofNullable(name(TEI_OPCODE_NAME_OFFSET)), Optional.ofNullable(name(TEI_LEVEL_NAME_OFFSET)),
                    keywords(), props, source);
            return Optional.of(new ParsedEventInfo(provider, eventGuid, id, version, opcode, decodingSource, schema));
        }

        /** The (trailing-blank-stripped) name at the offset stored at {@code field}, or null. */
        String name(int field) {
            String s = t.utf16z(t.u32(field));
            if (s == null) {
                return null;
            }
            s = s.stripTrailing();
            return s.isEmpty() ? null : s;
        }

        List<String> keywords() {
            List<String> out = new ArrayList<>();
            long p = t.u32(TEI_KEYWORDS_NAME_OFFSET);
            while (p > 0 && out.size() < MAX_KEYWORDS) {
                String s = t.utf16z(p);
                if (s == null || s.isEmpty()) {
                    break;
                }
                out.add(s.stripTrailing());
                p = t.afterUtf16z(p);
            }
            return out;
        }

        long entry(long i) {
            return TEI_PROPERTY_ARRAY + i * EPI_SIZE;
        }

        String propertyName(long i) {
            if (i < 0 || i >= propertyCount) {
                return "<property " + i + ">";
            }
            String s = t.utf16z(t.u32(entry(i) + EPI_NAME_OFFSET));
            return s == null || s.isEmpty() ? "<property " + i + ">" : s;
        }

        /** A property no payload can satisfy: the walk reports it as an error and places nothing after it. */
        static PropertySchema unreadable(String name) {
            return PropertySchema.of(name, InType.BINARY);
        }

        PropertySchema property(int i, List<Integer> path) {
            String name = propertyName(i);
            if (++nodes > MAX_NODES || path.size() >= MAX_DEPTH || path.contains(i)) {
                return unreadable(name);
            }
            long e = entry(i);
            int flags = (int) t.u32(e + EPI_FLAGS);
            PropertySchema p;
            if ((flags & PROPERTY_STRUCT) != 0) {
                int start = t.u16(e + EPI_IN_TYPE);
                int n = t.u16(e + EPI_OUT_TYPE);
                if ((long) start + n > propertyCount) {
                    return unreadable(name);
                }
                List<PropertySchema> members = new ArrayList<>(n);
                path.add(i);
                for (int j = start; j < start + n; j++) {
                    members.add(property(j, path));
                }
                path.remove(path.size() - 1);
                p = PropertySchema.struct(name, members);
            } else {
                InType in = InType.ofCode(t.u16(e + EPI_IN_TYPE));
                if (in == null) {
                    return unreadable(name);
                }
                p = PropertySchema.of(name, in).withOutType(OutType.ofCode(t.u16(e + EPI_OUT_TYPE)))
                        .withSize(size(flags, t.u16(e + EPI_LENGTH), in));
                long mapOffset = t.u32(e + EPI_MAP_NAME_OFFSET);
                if (mapOffset > 0 && (flags & PROPERTY_HAS_CUSTOM_SCHEMA) == 0) {
                    String mapName = t.utf16z(mapOffset);
                    if (mapName != null && !mapName.isEmpty()) {
                        Optional<ValueMap> m = maps.apply(mapName);
                        if (m != null && m.isPresent()) {
                            p = p.withMap(m.get());
                        }
                    }
                }
            }
            return p.withCount(count(flags, t.u16(e + EPI_COUNT)));
        }

        PropertySize size(int flags, int length, InType in) {
            if ((flags & PROPERTY_PARAM_LENGTH) != 0) {
                return new PropertySize.FromProperty(propertyName(length));
            }
            boolean sized = in == InType.UNICODESTRING || in == InType.ANSISTRING || in == InType.BINARY
                    || in == InType.NONNULLTERMINATEDSTRING || in == InType.NONNULLTERMINATEDANSISTRING;
            if (sized && (length > 0 || (flags & PROPERTY_PARAM_FIXED_LENGTH) != 0)) {
                return new PropertySize.Fixed(length);
            }
            return PropertySize.natural();
        }

        PropertyCount count(int flags, int count) {
            if ((flags & PROPERTY_PARAM_COUNT) != 0) {
                return new PropertyCount.FromProperty(propertyName(count));
            }
            if ((flags & PROPERTY_PARAM_FIXED_COUNT) != 0 || count > 1) {
                return new PropertyCount.Fixed(count);
            }
            return PropertyCount.single();
        }
    }
}
