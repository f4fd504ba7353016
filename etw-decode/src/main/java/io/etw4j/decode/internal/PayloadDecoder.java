package io.etw4j.decode.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Walks a payload with an {@link EventSchema}: the one place where bytes become field values. Stateless and
 * thread-safe; never throws on any payload or schema (every problem becomes a {@link FieldError}).
 *
 * <p>Rules: properties are read in order without padding (ETW packs event data; tdh.h TRACE_EVENT_INFO offsets are not
 * used). Pointer-sized types follow the record ({@link EventRecord#pointerSize()}). A length or count that refers to
 * another property takes that property's value, looked up first in the current struct element, then in the enclosing
 * levels. After a property that could not be read and whose length is unknown, nothing more can be placed: the
 * remaining properties are reported as not decoded. Bytes left after the last property are reported as an error on
 * the pseudo-field {@code <trailing>} (the values read stay).
 *
 * <p>Arrays: a {@link PropertyCount.PrefixedU16} count is the UINT16 read just before the elements; a
 * {@link PropertyCount.Remaining} array takes whole elements until the payload ends (a partial last element is an error
 * on the array). An array of
 * characters ({@link InType#UNICODECHAR}, {@link InType#ANSICHAR}) is one {@code String} of its elements, not a list
 * (TraceLoggingProvider.h's TraceLoggingCharArray / TraceLoggingWCharArray are counted arrays of UINT8 / UINT16 with
 * TlgOutSTRING, i.e. strings). At most {@link #MAX_ELEMENTS} array elements are read per payload; past that the
 * layout is given up.
 */
public final class PayloadDecoder {
    /** Windows-1252, the ANSI code page manifests and MOF strings are usually written in; Latin-1 if absent. */
    static final Charset ANSI = ansi();
    private static final java.lang.invoke.VarHandle SHORT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Pseudo-field name of the bytes left after the last property. */
    public static final String TRAILING = "<trailing>";
    /** 100 ns ticks between 1601-01-01 and 1970-01-01 (FILETIME epoch; learn.microsoft.com "FILETIME structure"). */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;
    /** The most elements one array may have (a bound against counts read from bad data). */
    static final int MAX_ARRAY = 1 << 20;
    /**
     * The most array elements one payload may give in all (a bound against nested fixed counts from bad metadata:
     * e.g. 65,535 structs of 65,535 empty strings each at the end of a payload).
     */
    static final int MAX_ELEMENTS = 1 << 20;

    private PayloadDecoder() {
    }

    /** Decodes {@code record}'s payload with {@code schema}. */
    public static DecodedEvent decode(EventRecord record, EventSchema schema) {
        // The record's own array, not a copy: the walk only reads it, and every value it returns is a copy.
        Walk w = new Walk(RecordBytes.payloadView(record), record.pointerSize());
        PropertyList properties = PropertyList.of(schema.properties());
        FieldMap fields = FieldMap.forProperties(properties);
        try {
            w.level(properties, fields, "");
            if (!w.lost && w.pos < w.p.length) {
                w.error(new FieldError(TRAILING, w.pos, (w.p.length - w.pos) + " byte(s) left after the last "
                        + "property"));
            }
        } catch (RuntimeException e) {
            // Defensive: a bug here must not fail the stream; the event keeps what was decoded.
            w.error(new FieldError("<decoder>", w.pos, "decoder failure: " + e));
        }
        return new DecodedEvent(record, Optional.of(schema), fields, w.errors == null ? List.of() : w.errors);
    }

    /** A read that did not fit; {@code sizeKnown} says whether the walk can go on after it. */
    private static final class Misfit extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean sizeKnown;
        final int next;

        Misfit(String message, boolean sizeKnown, int next) {
            super(message, null, false, false);
            this.sizeKnown = sizeKnown;
            this.next = next;
        }
    }

    private static final class Walk {
        final byte[] p;
        final int pointerSize;
        /** Created on the first error: most payloads have none. */
        List<FieldError> errors;
        int pos;
        int elements;
        boolean lost;
        String lostAt;

        void error(FieldError e) {
            if (errors == null) {
                errors = new ArrayList<>(4);
            }
            errors.add(e);
        }

        Walk(byte[] p, int pointerSize) {
            this.p = p;
            this.pointerSize = pointerSize;
        }

        /**
         * Decodes {@code props} into {@code out}; {@code path} is the prefix of their names in error entries ("" at the
         * top, "Struct[2]." inside), joined only when an error is reported.
         */
        void level(List<PropertySchema> props, FieldMap out, String path) {
            for (int k = 0, n = props.size(); k < n; k++) {
                PropertySchema prop = props.get(k);
                if (lost) {
                    error(new FieldError(path + prop.name(), pos, "not decoded: the layout is lost after " + lostAt));
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
                    if (p.length - pos < 2) {
                        lose(path + prop.name(), "its UINT16 element count needs 2 bytes but " + (p.length - pos)
                                + " remain");
                        continue;
                    }
                    count = (p[pos] & 0xFF) | (p[pos + 1] & 0xFF) << 8;
                    pos += 2;
                } else {
                    String ref = ((PropertyCount.FromProperty) c).property();
                    Long v = reference(ref, out);
                    if (v == null || v < 0 || v > MAX_ARRAY) {
                        lose(path + prop.name(), "its count property " + ref + (v == null ? " has no integer value"
                                : " is " + v));
                        continue;
                    }
                    count = (int) (long) v;
                }
                if (count < 0) {
                    Object v = element(prop, out, path, -1);
                    if (v != null) {
                        put(out, k, prop, v);
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
                        put(out, k, prop, chars.toString());
                    }
                } else {
                    List<Object> list = new ArrayList<>(Math.min(count, 1024));
                    for (int i = 0; i < count && !lost && budget(path, prop); i++) {
                        Object v = element(prop, out, path, i);
                        list.add(v);
                    }
                    put(out, k, prop, java.util.Collections.unmodifiableList(list));
                }
            }
        }

        /**
         * A {@link PropertyCount.Remaining} array: whole elements until the payload ends. Elements of a fixed size
         * (an in-type's own size, or the record's pointer size) are counted up front and a partial element at the end
         * is reported on the array (its bytes consumed, so no {@code <trailing>} error repeats it); others are read
         * until no byte is left, and an element that cannot be read whole loses the layout, as anywhere else.
         */
        void toTheEnd(PropertySchema prop, int index, FieldMap out, String path) {
            int size = prop.isStruct() ? -1 : prop.inType() == InType.POINTER || prop.inType() == InType.SIZET
                    ? pointerSize : prop.inType().fixedSize();
            boolean chars = !prop.isStruct() && (prop.inType() == InType.UNICODECHAR
                    || prop.inType() == InType.ANSICHAR);
            StringBuilder text = chars ? new StringBuilder() : null;
            List<Object> list = chars ? null : new ArrayList<>();
            int left = p.length - pos;
            int count = size > 0 ? left / size : Integer.MAX_VALUE;
            for (int i = 0; i < count && pos < p.length && !lost && budget(path, prop); i++) {
                int start = pos;
                Object v = element(prop, out, path, i);
                if (chars) {
                    if (v != null) {
                        text.append((String) v);
                    }
                } else {
                    list.add(v);
                }
                if (pos == start && !lost) {
                    lose(path(path, prop, i), "an element of 0 bytes cannot fill the rest of the payload");
                }
            }
            if (!lost && size > 0 && pos < p.length) {
                error(new FieldError(path + prop.name(), pos, (p.length - pos) + " byte(s) left: not a whole element of "
                        + size + " bytes"));
                pos = p.length;
            }
            if (chars) {
                if (!lost) {
                    put(out, index, prop, text.toString());
                }
            } else {
                put(out, index, prop, java.util.Collections.unmodifiableList(list));
            }
        }

        /** Stores the value of property {@code index} ({@code prop}) of the level {@code out}. */
        static void put(FieldMap out, int index, PropertySchema prop, Object value) {
            if (out.indexed()) {
                out.setAt(index, value);
            } else {
                out.set(prop.name(), value);
            }
        }

        /** The path of element {@code index} of {@code prop} (-1: not an array), built only when needed. */
        static String path(String path, PropertySchema prop, int index) {
            return index < 0 ? path + prop.name() : path + prop.name() + "[" + index + "]";
        }

        /** One element, or null after an error (recorded). */
        Object element(PropertySchema prop, FieldMap out, String path, int index) {
            if (prop.isStruct()) {
                FieldMap member = FieldMap.forProperties(PropertyList.of(prop.members()));
                member.outer = out;
                level(prop.members(), member, path(path, prop, index) + ".");
                member.outer = null;
                return member;
            }
            int start = pos;
            try {
                return value(prop, out);
            } catch (Misfit m) {
                if (m.sizeKnown) {
                    error(new FieldError(path(path, prop, index), start, m.getMessage()));
                    pos = m.next;
                } else {
                    pos = start;
                    lose(path(path, prop, index), m.getMessage());
                }
                return null;
            }
        }

        /** Counts one array element; past {@link #MAX_ELEMENTS} in the whole payload the layout is given up. */
        boolean budget(String path, PropertySchema prop) {
            if (++elements > MAX_ELEMENTS) {
                lose(path + prop.name(), "more than " + MAX_ELEMENTS + " array elements in one payload");
                return false;
            }
            return true;
        }

        void lose(String path, String why) {
            error(new FieldError(path, pos, why));
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
                if (v == null || v < 0 || v > p.length) {
                    throw new Misfit("its length property " + r.property() + (v == null ? " has no integer value"
                            : " is " + v), false, pos);
                }
                return (int) (long) v;
            }
            return -1;
        }

        Object value(PropertySchema prop, FieldMap out) throws Misfit {
            InType t = prop.inType();
            OutType o = prop.outType();
            // A length applies only to strings and binary (tdh.h: PropertyParamLength); others ignore it.
            boolean sized = t == InType.UNICODESTRING || t == InType.ANSISTRING || t == InType.BINARY
                    || t == InType.NONNULLTERMINATEDSTRING || t == InType.NONNULLTERMINATEDANSISTRING;
            int len = sized ? length(prop, out) : -1;
            switch (t) {
                case NULL:
                    return null;
                case UNICODESTRING:
                    return len >= 0 ? utf16Fixed(len) : utf16z();
                case ANSISTRING:
                    return len >= 0 ? ansiFixed(len, o) : ansiz(o);
                case NONNULLTERMINATEDSTRING:
                    return utf16Fixed(len >= 0 ? len : (p.length - pos) / 2);
                case NONNULLTERMINATEDANSISTRING:
                    return ansiFixed(len >= 0 ? len : p.length - pos, o);
                case MANIFEST_COUNTEDSTRING:
                case COUNTEDSTRING:
                    return utf16Bytes((int) need(2));
                case REVERSEDCOUNTEDSTRING:
                    return utf16Bytes(Integer.reverseBytes((int) need(2)) >>> 16);
                case MANIFEST_COUNTEDANSISTRING:
                case COUNTEDANSISTRING:
                    return ansiBytes((int) need(2), o);
                case REVERSEDCOUNTEDANSISTRING:
                    return ansiBytes(Integer.reverseBytes((int) need(2)) >>> 16, o);
                case UNICODECHAR:
                    return String.valueOf((char) need(2));
                case ANSICHAR:
                    return new String(new byte[] {(byte) need(1)}, ANSI);
                case BINARY:
                    if (len < 0) {
                        if (o == OutType.IPV6) {
                            len = 16;
                        } else {
                            throw new Misfit("binary property without a length", false, pos);
                        }
                    }
                    return binary(len, o);
                case MANIFEST_COUNTEDBINARY:
                    return binary((int) need(2), o);
                case HEXDUMP:
                    return binary((int) need(4), o);
                case GUID: {
                    byte[] b = bytes(16);
                    return guid(b);
                }
                case FILETIME: {
                    long ft = need(8);
                    if (ft < 0) {
                        throw new Misfit("FILETIME 0x" + Long.toHexString(ft) + " is out of range", true, pos);
                    }
                    long ticks = ft - FILETIME_EPOCH_OFFSET;
                    return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100L);
                }
                case SYSTEMTIME:
                    return systemTime();
                case SID:
                    return sid();
                case WBEMSID:
                    return wbemSid();
                case BOOLEAN:
                    return need(4) != 0;
                case FLOAT:
                    return Float.intBitsToFloat((int) need(4));
                case DOUBLE:
                    return Double.longBitsToDouble(need(8));
                default:
                    return integer(prop, t, o);
            }
        }

        Object integer(PropertySchema prop, InType t, OutType o) throws Misfit {
            int size = t == InType.POINTER || t == InType.SIZET ? pointerSize : t.fixedSize();
            if (size <= 0) {
                throw new Misfit("in-type " + t + " is not supported", false, pos);
            }
            if (o == OutType.IPV4 && size == 4) {
                byte[] b = bytes(4);
                try {
                    return InetAddress.getByAddress(b);
                } catch (UnknownHostException e) {
                    throw new Misfit("IPv4 address: " + e.getMessage(), true, pos);
                }
            }
            long v = need(size);
            if (t.isSigned()) {
                int shift = 64 - 8 * size;
                v = v << shift >> shift;
            }
            if (o == OutType.PORT && size == 2) {
                v = ((v & 0xFF) << 8) | ((v >> 8) & 0xFF);
            }
            if (prop.map().isPresent()) {
                return new MappedValue(v, prop.map().get().names(v));
            }
            if (o == OutType.BOOLEAN) {
                return v != 0;
            }
            return v;
        }

        /** Reads {@code n} (1, 2, 4 or 8; or any 1..8) little-endian bytes, unsigned below 8. */
        long need(int n) throws Misfit {
            if (p.length - pos < n) {
                throw new Misfit("needs " + n + " byte(s) but " + (p.length - pos) + " remain", false, pos);
            }
            long v;
            switch (n) {
                case 1:
                    v = p[pos] & 0xFFL;
                    break;
                case 2:
                    v = (short) SHORT_LE.get(p, pos) & 0xFFFFL;
                    break;
                case 4:
                    v = (int) INT_LE.get(p, pos) & 0xFFFF_FFFFL;
                    break;
                case 8:
                    v = (long) LONG_LE.get(p, pos);
                    break;
                default:
                    v = 0;
                    for (int i = n - 1; i >= 0; i--) {
                        v = v << 8 | (p[pos + i] & 0xFF);
                    }
            }
            pos += n;
            return v;
        }

        byte[] bytes(int n) throws Misfit {
            if (n < 0 || p.length - pos < n) {
                throw new Misfit("needs " + n + " byte(s) but " + (p.length - pos) + " remain", false, pos);
            }
            byte[] b = Arrays.copyOfRange(p, pos, pos + n);
            pos += n;
            return b;
        }

        /**
         * UTF-16LE bytes as a String, like {@code new String(b, off, len, UTF_16LE)} (a lone surrogate becomes U+FFFD)
         * but without a charset decoder for the common case of no surrogates.
         */
        static String utf16(byte[] b, int off, int len) {
            int n = len / 2;
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                char ch = (char) ((b[off + 2 * i] & 0xFF) | (b[off + 2 * i + 1] & 0xFF) << 8);
                if (Character.isSurrogate(ch)) {
                    return new String(b, off, len, StandardCharsets.UTF_16LE);
                }
                c[i] = ch;
            }
            return new String(c);
        }

        String utf16z() {
            int end = pos;
            while (end + 1 < p.length && (p[end] != 0 || p[end + 1] != 0)) {
                end += 2;
            }
            String s = utf16(p, pos, Math.min(end, p.length) - pos - ((Math.min(end, p.length) - pos) & 1));
            pos = end + 1 < p.length ? end + 2 : p.length; // a string without NUL runs to the end of the payload
            return s;
        }

        String utf16Fixed(int chars) throws Misfit {
            byte[] b = bytes(chars * 2);
            int n = b.length;
            while (n >= 2 && b[n - 1] == 0 && b[n - 2] == 0) {
                n -= 2;
            }
            return utf16(b, 0, n);
        }

        String utf16Bytes(int byteCount) throws Misfit {
            byte[] b = bytes(byteCount);
            int n = b.length & ~1;
            while (n >= 2 && b[n - 1] == 0 && b[n - 2] == 0) {
                n -= 2;
            }
            return utf16(b, 0, n);
        }

        String ansiz(OutType o) {
            int end = pos;
            while (end < p.length && p[end] != 0) {
                end++;
            }
            String s = new String(p, pos, end - pos, o == OutType.UTF8 ? StandardCharsets.UTF_8 : ANSI);
            pos = end < p.length ? end + 1 : p.length;
            return s;
        }

        String ansiFixed(int n, OutType o) throws Misfit {
            return trimNul(bytes(n), o);
        }

        String ansiBytes(int n, OutType o) throws Misfit {
            return trimNul(bytes(n), o);
        }

        static String trimNul(byte[] b, OutType o) {
            int n = b.length;
            while (n > 0 && b[n - 1] == 0) {
                n--;
            }
            return new String(b, 0, n, o == OutType.UTF8 ? StandardCharsets.UTF_8 : ANSI);
        }

        Object binary(int n, OutType o) throws Misfit {
            byte[] b = bytes(n);
            if (o == OutType.IPV6 && n == 16) {
                try {
                    return InetAddress.getByAddress(b);
                } catch (UnknownHostException e) {
                    throw new Misfit("IPv6 address: " + e.getMessage(), true, pos);
                }
            }
            if (o == OutType.SOCKETADDRESS) {
                return socketAddress(b);
            }
            return b;
        }

        /** SOCKADDR_IN (family 2: port, 4-byte address) or SOCKADDR_IN6 (family 23: port, flow, 16 bytes); ws2def.h. */
        Object socketAddress(byte[] b) throws Misfit {
            if (b.length >= 8) {
                int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
                int port = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                try {
                    if (family == 2) {
                        return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 4, 8)), port);
                    }
                    if (family == 23 && b.length >= 24) {
                        return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 8, 24)), port);
                    }
                } catch (UnknownHostException e) {
                    throw new Misfit("socket address: " + e.getMessage(), true, pos);
                }
            }
            return b;
        }

        static UUID guid(byte[] b) {
            long d1 = (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
            long d2 = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8;
            long d3 = (b[6] & 0xFFL) | (b[7] & 0xFFL) << 8;
            long msb = d1 << 32 | d2 << 16 | d3;
            long lsb = 0;
            for (int i = 8; i < 16; i++) {
                lsb = lsb << 8 | (b[i] & 0xFFL);
            }
            return new UUID(msb, lsb);
        }

        Instant systemTime() throws Misfit {
            int start = pos;
            int[] f = new int[8];
            for (int i = 0; i < 8; i++) {
                f[i] = (int) need(2);
            }
            try {
                return LocalDateTime.of(f[0], f[1], f[3], f[4], f[5], f[6], f[7] * 1_000_000).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new Misfit("SYSTEMTIME " + Arrays.toString(f) + " is not a date: " + e.getMessage(), true,
                        start + 16);
            }
        }

        /** A SID: revision, sub-authority count n, 6-byte authority, n 4-byte sub-authorities (winnt.h SID). */
        Object sid() throws Misfit {
            if (p.length - pos < 8) {
                throw new Misfit("SID needs at least 8 bytes but " + (p.length - pos) + " remain", false, pos);
            }
            int n = p[pos + 1] & 0xFF;
            if (n > 15) {
                throw new Misfit("SID with " + n + " sub-authorities (SID_MAX_SUB_AUTHORITIES is 15)", false, pos);
            }
            byte[] b = bytes(8 + 4 * n);
            try {
                return SecurityIdentifier.of(b);
            } catch (RuntimeException e) {
                throw new Misfit("SID: " + e.getMessage(), true, pos);
            }
        }

        /**
         * A kernel MOF SID: a TOKEN_USER (SID pointer and attributes: two pointer-sized slots) followed by the SID, or
         * a 4-byte zero when there is none (the layout TraceEvent reads for kernel events; inferred from it).
         */
        Object wbemSid() throws Misfit {
            if (p.length - pos >= 4 && p[pos] == 0 && p[pos + 1] == 0 && p[pos + 2] == 0 && p[pos + 3] == 0) {
                pos += 4;
                return null;
            }
            bytes(2 * pointerSize);
            return sid();
        }
    }

    private static Charset ansi() {
        try {
            return Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
