package io.etw4j.decode.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Walks a payload with an {@link EventSchema}: the layout of the properties (order, counts, lengths, structs, where
 * the layout is lost). The value of each property is read by {@link InTypeReader} (its in-type) and formatted by
 * {@link OutTypes} (its out-type); those two are the only place where bytes become field values. Stateless and
 * thread-safe; never throws on any payload or schema (every problem becomes a {@link FieldError}).
 *
 * <p>Rules: properties are read in order without padding (ETW packs event data; tdh.h TRACE_EVENT_INFO offsets are not
 * used). Pointer-sized types follow the record ({@link EventRecord#pointerSize()}). A length or count that refers to
 * another property takes that property's value, looked up first in the current struct element, then in the enclosing
 * levels. After a property that could not be read and whose length is unknown, nothing more can be placed: the
 * remaining properties are reported as not decoded. Bytes left after the last property are not an error: they are
 * counted in {@link DecodedEvent#trailingBytes()} (a later event version adds fields at the end).
 *
 * <p>Arrays: a {@link PropertyCount.PrefixedU16} count is the UINT16 read just before the elements; a
 * {@link PropertyCount.Remaining} array takes whole elements until the payload ends (a partial last element is an
 * error on the array). An array of characters ({@link InType#UNICODECHAR}, {@link InType#ANSICHAR}) is one
 * {@code String} of its elements, not a list (TraceLoggingProvider.h's TraceLoggingCharArray /
 * TraceLoggingWCharArray are counted arrays of UINT8 / UINT16 with TlgOutSTRING, i.e. strings). At most
 * {@link #MAX_ELEMENTS} array elements are read per payload; past that the layout is given up.
 */
public final class PayloadDecoder {
    /** The most elements one array may have (a bound against counts read from bad data). */
    static final int MAX_ARRAY = 1 << 20;
    /**
     * The most array elements one payload may give in all (a bound against nested fixed counts from bad metadata:
     * e.g. 65,535 structs of 65,535 empty strings each at the end of a payload).
     */
    static final int MAX_ELEMENTS = 1 << 20;

    /**
     * The output budget of one payload, in units (a unit is one character of a property name, of a string value or of
     * a value map's names, or one other scalar value; a struct or an array costs only what it holds): at most
     * {@code OUTPUT_PER_BYTE} units per payload byte plus {@link #OUTPUT_CONSTANT}. Past it, the layout is given up
     * (a {@link FieldError} names the budget) and what was decoded stays.
     */
    public static final int OUTPUT_PER_BYTE = 64;
    /** The constant part of the output budget, in units (see {@link #OUTPUT_PER_BYTE}). */
    public static final int OUTPUT_CONSTANT = 1 << 16;

    private PayloadDecoder() {
    }

    /** The output units of one value (see {@link #OUTPUT_PER_BYTE}); a struct or a list costs what it holds. */
    static long cost(Object v) {
        // Exact class tests first: the common values (boxed integers, strings) are decided by one comparison, which
        // keeps this method small enough to inline into the walk's hot loop.
        if (v == null) {
            return 1;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            return Math.max(1, ((String) v).length());
        }
        if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class || c == Boolean.class
                || c == Double.class || c == Float.class) {
            return 1;
        }
        return rareCost(v);
    }

    private static long rareCost(Object v) {
        if (v instanceof MappedValue m) {
            long n = 1;
            for (String name : m.names()) {
                n += name.length();
            }
            return n;
        }
        if (v instanceof byte[] b) {
            return Math.max(1, 2L * b.length);
        }
        if (v instanceof FieldMap || v instanceof List) {
            return 0;
        }
        return 1;
    }

    /** Decodes {@code record}'s payload with {@code schema}, a schema of the record's own version. */
    public static DecodedEvent decode(EventRecord record, EventSchema schema) {
        return decode(record, schema, record.descriptor().version());
    }

    /**
     * Decodes {@code record}'s payload with {@code schema}, declared for event version {@code schemaVersion}.
     */
    public static DecodedEvent decode(EventRecord record, EventSchema schema, int schemaVersion) {
        // A read-only view of the record's own bytes, not a copy: the walk cannot change them, and every value it
        // returns is a copy.
        Walk w = new Walk(new InTypeReader(RecordBytes.payload(record), record.pointerSize()));
        PropertyList properties = PropertyList.of(schema.properties());
        FieldMap fields = FieldMap.forProperties(properties);
        int trailing = 0;
        try {
            w.level(properties, fields, Where.TOP);
            if (!w.lost && w.in.pos < w.in.end) {
                trailing = w.in.end - w.in.pos;
            }
        } catch (RuntimeException e) {
            // Defensive: a bug here must not fail the stream; the event keeps what was decoded.
            w.error(new FieldError("<decoder>", w.in.pos, "decoder failure: " + e));
        }
        return new DecodedEvent(record, Optional.of(schema), fields, w.errors == null ? List.of() : w.errors,
                schemaVersion, trailing);
    }

    /**
     * Where a level of properties lies, built into a name ("Struct[2].") only when an error is reported: an element's
     * path costs one small object, not a string per struct element.
     */
    record Where(Where parent, String name, int index) {
        static final Where TOP = new Where(null, null, -1);

        /** The name of property {@code prop} of this level, e.g. "Struct[2].Field". */
        String join(String prop) {
            return this + prop;
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            return index < 0 ? parent + name + "." : parent + name + "[" + index + "].";
        }
    }

    private static final class Walk {
        /** The cursor over the payload and the in-type reads. */
        final InTypeReader in;
        /** Created on the first error: most payloads have none. */
        List<FieldError> errors;
        int elements;
        boolean lost;
        String lostAt;

        void error(FieldError e) {
            if (errors == null) {
                errors = new ArrayList<>(4);
            }
            errors.add(e);
        }

        /** Output units spent so far and the limit: see {@link #OUTPUT_PER_BYTE}. */
        long output;
        final long outputLimit;

        Walk(InTypeReader in) {
            this.in = in;
            this.outputLimit = OUTPUT_PER_BYTE * (long) (in.end - in.pos) + OUTPUT_CONSTANT;
        }

        /**
         * Decodes {@code props} into {@code out}; {@code path} is the prefix of their names in error entries ("" at the
         * top, "Struct[2]." inside), joined only when an error is reported.
         */
        void level(List<PropertySchema> props, FieldMap out, Where path) {
            for (int k = 0, n = props.size(); k < n; k++) {
                PropertySchema prop = props.get(k);
                if (lost) {
                    error(new FieldError(path.join(prop.name()), in.pos, "not decoded: the layout is lost after "
                            + lostAt));
                    continue;
                }
                int count;
                PropertyCount c = prop.count();
                if (c instanceof PropertyCount.Single) {
                    count = -1;
                } else if (c instanceof PropertyCount.Fixed f) {
                    count = f.value();
                } else if (c instanceof PropertyCount.Remaining) {
                    toTheEnd(prop, k, out, path);
                    continue;
                } else if (c instanceof PropertyCount.PrefixedU16) {
                    if (in.end - in.pos < 2) {
                        lose(path.join(prop.name()), "its UINT16 element count needs 2 bytes but " + (in.end - in.pos)
                                + " remain");
                        continue;
                    }
                    count = in.p.u16(in.pos);
                    in.pos += 2;
                } else {
                    String ref = ((PropertyCount.FromProperty) c).property();
                    Long v = reference(ref, out);
                    if (v == null || v < 0 || v > MAX_ARRAY) {
                        lose(path.join(prop.name()), "its count property " + ref + (v == null ? " has no integer value"
                                : " is " + v));
                        continue;
                    }
                    count = (int) (long) v;
                }
                if (count < 0) {
                    Object v = element(prop, out, path, -1);
                    if (v != null) {
                        put(path, out, k, prop, v);
                    }
                } else if (!prop.isStruct() && (prop.inType() == InType.UNICODECHAR
                        || prop.inType() == InType.ANSICHAR)) {
                    StringBuilder chars = new StringBuilder(Math.min(count, 1024));
                    for (int i = 0; i < count && !lost && budget(path, prop); i++) {
                        Object v = element(prop, out, path, i);
                        if (v != null) {
                            chars.append((String) v);
                        }
                    }
                    if (!lost) {
                        put(path, out, k, prop, chars.toString());
                    }
                } else {
                    List<Object> list = new ArrayList<>(Math.min(count, 1024));
                    for (int i = 0; i < count && !lost && budget(path, prop); i++) {
                        int start = in.pos;
                        Object v = element(prop, out, path, i);
                        list.add(v);
                        if (!lost && !spend(path, prop, cost(v))) {
                            break;
                        }
                        if (in.pos == start && !lost && i + 1 < count) {
                            error(new FieldError(path.join(prop.name()), in.pos, "an array of " + count
                                    + " elements of 0 bytes is refused: only the first is kept"));
                            break;
                        }
                    }
                    put(path, out, k, prop, Collections.unmodifiableList(list));
                }
            }
        }

        /**
         * A {@link PropertyCount.Remaining} array: whole elements until the payload ends. Elements of a fixed size
         * (an in-type's own size, or the record's pointer size) are counted up front and a partial element at the end
         * is reported on the array (its bytes consumed, so they are not counted again as trailing bytes); others are read
         * until no byte is left, and an element that cannot be read whole loses the layout, as anywhere else.
         */
        void toTheEnd(PropertySchema prop, int index, FieldMap out, Where path) {
            int size = prop.isStruct() ? -1 : in.sizeOf(prop.inType());
            boolean chars = !prop.isStruct() && (prop.inType() == InType.UNICODECHAR
                    || prop.inType() == InType.ANSICHAR);
            StringBuilder text = chars ? new StringBuilder() : null;
            List<Object> list = chars ? null : new ArrayList<>();
            int left = in.end - in.pos;
            int count = size > 0 ? left / size : Integer.MAX_VALUE;
            for (int i = 0; i < count && in.pos < in.end && !lost && budget(path, prop); i++) {
                int start = in.pos;
                Object v = element(prop, out, path, i);
                if (chars) {
                    if (v != null) {
                        text.append((String) v);
                    }
                } else {
                    list.add(v);
                }
                if (!lost && !spend(path, prop, cost(v))) {
                    break;
                }
                if (in.pos == start && !lost) {
                    lose(path(path, prop, i), "an element of 0 bytes cannot fill the rest of the payload");
                }
            }
            if (!lost && size > 0 && in.pos < in.end) {
                error(new FieldError(path.join(prop.name()), in.pos, (in.end - in.pos)
                        + " byte(s) left: not a whole element of " + size + " bytes"));
                in.pos = in.end;
            }
            if (chars) {
                if (!lost) {
                    put(path, out, index, prop, text.toString());
                }
            } else {
                put(path, out, index, prop, Collections.unmodifiableList(list));
            }
        }

        /**
         * Stores the value of property {@code index} ({@code prop}) of the level {@code out}, spending its name and
         * its value from the output budget.
         */
        void put(Where path, FieldMap out, int index, PropertySchema prop, Object value) {
            spend(path, prop, prop.name().length() + cost(value));
            if (out.indexed()) {
                out.setAt(index, value);
            } else {
                out.set(prop.name(), value);
            }
        }

        /** The path of element {@code index} of {@code prop} (-1: not an array), built only when needed. */
        static String path(Where path, PropertySchema prop, int index) {
            return index < 0 ? path.join(prop.name()) : path.join(prop.name()) + "[" + index + "]";
        }

        /** One element, or null after an error (recorded). */
        Object element(PropertySchema prop, FieldMap out, Where path, int index) {
            if (prop.isStruct()) {
                FieldMap member = FieldMap.forProperties(PropertyList.of(prop.members()));
                member.outer = out;
                level(prop.members(), member, new Where(path, prop.name(), index));
                member.outer = null;
                return member;
            }
            int start = in.pos;
            try {
                return in.value(prop, InTypeReader.takesLength(prop.inType()) ? length(prop, out) : -1);
            } catch (Misfit m) {
                if (m.sizeKnown) {
                    error(new FieldError(path(path, prop, index), start, m.getMessage()));
                    in.pos = m.next;
                } else {
                    in.pos = start;
                    lose(path(path, prop, index), m.getMessage());
                }
                return null;
            }
        }

        /**
         * Spends {@code units} of the output budget; beyond {@link #outputLimit} the layout is given up (so a schema
         * whose struct members or value-map names repeat cannot turn a small payload into a large output).
         */
        boolean spend(Where path, PropertySchema prop, long units) {
            output += units;
            return output <= outputLimit ? !lost : overBudget(path, prop);
        }

        /** The cold half of {@link #spend}: gives the layout up once the budget is spent. */
        private boolean overBudget(Where path, PropertySchema prop) {
            if (!lost) {
                lose(path.join(prop.name()), "the decoded output exceeds its budget of "
                        + outputLimit + " units (" + OUTPUT_PER_BYTE + " per payload byte + " + OUTPUT_CONSTANT + ")");
            }
            return false;
        }

        /** Counts one array element; past {@link #MAX_ELEMENTS} in the whole payload the layout is given up. */
        boolean budget(Where path, PropertySchema prop) {
            if (++elements > MAX_ELEMENTS) {
                lose(path.join(prop.name()), "more than " + MAX_ELEMENTS + " array elements in one payload");
                return false;
            }
            return true;
        }

        void lose(String path, String why) {
            error(new FieldError(path, in.pos, why));
            lost = true;
            lostAt = path;
        }

        /** The integer value of property {@code name}, looked up in the current level, then the enclosing ones. */
        Long reference(String name, FieldMap out) {
            Object v = null;
            for (FieldMap level = out; v == null && level != null; level = level.outer) {
                v = level.get(name);
            }
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof MappedValue m) {
                return m.raw();
            }
            if (v instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            return null;
        }

        int length(PropertySchema prop, FieldMap out) throws Misfit {
            PropertySize s = prop.size();
            if (s instanceof PropertySize.Fixed f) {
                return f.value();
            }
            if (s instanceof PropertySize.FromProperty r) {
                Long v = reference(r.property(), out);
                if (v == null || v < 0 || v > in.end) {
                    throw new Misfit("its length property " + r.property() + (v == null ? " has no integer value"
                            : " is " + v), false, in.pos);
                }
                return (int) (long) v;
            }
            return -1;
        }
    }
}
