package io.etw4j.decode.internal.tracelogging;

import io.etw4j.decode.InType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Parses TraceLogging event metadata, the bytes of extended data item EVENT_SCHEMA_TL, into a {@link TlEventMetadata}.
 * Stateless and thread-safe; never throws: malformed metadata gives empty.
 *
 * <p>Layout (TraceLoggingProvider.h {@code _TlgIn_t}/{@code _TlgOut_t} flags; the writers in microsoft/tracelogging
 * etw/rust/tracelogging_dynamic/src/builder.rs {@code reset}/{@code raw_add_meta} and .NET's TraceLogging
 * {@code FieldMetadata.Encode}, which agree):
 * <pre>
 * UINT16 size                  the metadata's length, this field included
 * BYTE   tag[]                 the event tag, 7 bits a byte, high bit set on every byte but the last
 * CHAR   eventName[]           UTF-8, NUL-terminated
 * then, per field, to the end:
 *   CHAR   fieldName[]         UTF-8, NUL-terminated
 *   BYTE   inType              low 5 bits TlgIn type; 0x20 _TlgInCcount, 0x40 TlgInVcount, 0x60 _TlgInCustom,
 *                              0x80 _TlgInChain (an out-type byte follows)
 *   BYTE   outType             if chained: low 7 bits TlgOut type (for _TlgInSTRUCT: the member count),
 *                              0x80 _TlgOutChain (tag bytes follow)
 *   BYTE   tag[]               if chained: the field tag, chained like the event tag
 *   UINT16 count               if _TlgInCcount or _TlgInCustom: the constant element count / the schema's size
 *   BYTE   schema[count]       if _TlgInCustom: the custom serializer's schema
 * </pre>
 * A struct's members are the next N fields (N in its out-type slot, 1-127: the tracelogging crate's
 * {@code InType::Struct}); a struct with no member is malformed. A variable-count array ({@code TlgInVcount}) gets
 * {@link PropertyCount.PrefixedU16}: its UINT16 count precedes the elements in the payload. A custom-serialized field
 * is read as a UINT16 byte count and the bytes (inferred from TraceLoggingCustom's "cbValue" and .NET's encoder; the
 * low 5 bits are then the protocol, not a type). Unknown in-types (TlgInNULL, 26-31) make the metadata malformed: the
 * payload could not be laid out after them.
 */
public final class TlMetadataParser {
    /**
     * The deepest struct nesting accepted; deeper metadata is treated as malformed. Our bound (inferred: no limit is
     * documented), it keeps the decoder's recursion shallow.
     */
    public static final int MAX_STRUCT_DEPTH = 32;

    private TlMetadataParser() {
    }

    /** The event metadata in {@code data}, or empty if it is malformed. Never throws. */
    public static Optional<TlEventMetadata> parse(byte[] data) {
        try {
            return Optional.ofNullable(new Cursor(data).event());
        } catch (RuntimeException e) {
            return Optional.empty(); // defensive: every bound is checked below; a bug must not escape a decoder
        }
    }

    private static final class Cursor {
        final byte[] d;
        int end;
        int pos;

        Cursor(byte[] d) {
            this.d = d;
        }

        /** The event, or null if malformed. */
        TlEventMetadata event() {
            if (d == null || d.length < 4) {
                return null;
            }
            int size = u16(d, 0);
            if (size < 4 || size > d.length) {
                return null;
            }
            end = size;
            pos = 2;
            long tag = tag();
            if (tag < 0) {
                return null;
            }
            String name = string();
            if (name == null) {
                return null;
            }
            List<PropertySchema> fields = new ArrayList<>();
            while (pos < end) {
                PropertySchema f = field(0);
                if (f == null) {
                    return null;
                }
                fields.add(f);
            }
            return new TlEventMetadata(name, (int) tag, fields);
        }

        /** One field (a struct with its members), or null if malformed. */
        PropertySchema field(int depth) {
            String name = string();
            if (name == null || pos >= end) {
                return null;
            }
            int in = d[pos++] & 0xFF;
            int out = 0;
            if ((in & TlTypes.IN_CHAIN) != 0) {
                if (pos >= end) {
                    return null;
                }
                out = d[pos++] & 0xFF;
                if ((out & TlTypes.OUT_CHAIN) != 0 && tag() < 0) {
                    return null;
                }
            }
            int countFlags = in & TlTypes.IN_COUNT_MASK;
            int fixedCount = 0;
            if ((countFlags & TlTypes.IN_CCOUNT) != 0) {
                if (end - pos < 2) {
                    return null;
                }
                fixedCount = u16(d, pos);
                pos += 2;
            }
            if (countFlags == TlTypes.IN_CUSTOM) {
                if (end - pos < fixedCount) {
                    return null;
                }
                pos += fixedCount; // the custom schema
                return PropertySchema.of(name, InType.MANIFEST_COUNTEDBINARY);
            }
            PropertyCount count = countFlags == TlTypes.IN_CCOUNT ? new PropertyCount.Fixed(fixedCount)
                    : countFlags == TlTypes.IN_VCOUNT ? new PropertyCount.PrefixedU16() : PropertyCount.single();
            int type = in & TlTypes.IN_TYPE_MASK;
            if (type == TlTypes.IN_STRUCT) {
                int n = out & TlTypes.OUT_TYPE_MASK;
                if (n == 0 || depth >= MAX_STRUCT_DEPTH) {
                    return null;
                }
                List<PropertySchema> members = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    if (pos >= end) {
                        return null;
                    }
                    PropertySchema m = field(depth + 1);
                    if (m == null) {
                        return null;
                    }
                    members.add(m);
                }
                return PropertySchema.struct(name, members).withCount(count);
            }
            PropertySchema element = TlTypes.element(name, type, out & TlTypes.OUT_TYPE_MASK);
            return element == null ? null : element.withCount(count);
        }

        /**
         * A chained tag: 7 bits a byte, the first byte holding bits 27-21 (tracelogging crate, EventBuilder::reset);
         * bytes after the fourth are skipped. -1 if the chain runs past the end.
         */
        long tag() {
            long tag = 0;
            int shift = 21;
            while (true) {
                if (pos >= end) {
                    return -1;
                }
                int b = d[pos++] & 0xFF;
                if (shift >= 0) {
                    tag |= (long) (b & 0x7F) << shift;
                    shift -= 7;
                }
                if ((b & 0x80) == 0) {
                    return tag;
                }
            }
        }

        /** A NUL-terminated UTF-8 string, or null if no NUL comes before the end. */
        String string() {
            int nul = nul(d, pos, end);
            if (nul < 0) {
                return null;
            }
            String s = utf8(d, pos, nul);
            pos = nul + 1;
            return s;
        }
    }

    static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
    }

    /** The index of the first 0 byte in [from, end), or -1. */
    static int nul(byte[] d, int from, int end) {
        for (int i = from; i < end; i++) {
            if (d[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static String utf8(byte[] d, int from, int to) {
        return new String(d, from, to - from, StandardCharsets.UTF_8);
    }

    /** A GUID in Windows layout (Data1-3 little-endian, Data4 bytes in order; guiddef.h GUID). */
    static UUID guid(byte[] b, int at) {
        long d1 = (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
        long d2 = (b[at + 4] & 0xFFL) | (b[at + 5] & 0xFFL) << 8;
        long d3 = (b[at + 6] & 0xFFL) | (b[at + 7] & 0xFFL) << 8;
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | (b[at + i] & 0xFFL);
        }
        return new UUID(d1 << 32 | d2 << 16 | d3, lsb);
    }
}
