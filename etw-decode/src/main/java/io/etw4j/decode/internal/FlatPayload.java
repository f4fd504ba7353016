package io.etw4j.decode.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.ReadOnlyBytes;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * The decoder's fast path for a flat schema (the kernel MOF classes' and most events' kind): every property single,
 * not a struct, without a value map, its length natural or fixed, of an in-type read here (integers, BOOLEAN, GUID,
 * FILETIME, NUL-terminated or fixed-length UTF-16 and 8-bit strings), and distinct names. For such a payload that also
 * fits whole (no property runs short, no FILETIME out of range, the output budget of {@link PayloadDecoder} not at
 * stake) it gives the fields {@link PayloadDecoder#decode} would give, in order, to a {@link FlatFieldSink} instead of
 * into boxes and a map; anything else is left to {@code PayloadDecoder} ({@link #measure} says false and nothing was
 * given to a sink). The same reads, in the same order, as {@link InTypeReader}'s (its string rules are mirrored here;
 * a test compares both paths over the shared captures).
 *
 * <p>Two steps: {@link #measure} walks the layout without producing a value; {@link #emit} then reads each value once.
 * Not thread-safe: one instance per writer, reused for every record.
 */
public final class FlatPayload {
    private static final int INT = 1;
    private static final int BOOL = 2;
    private static final int GUID = 3;
    private static final int FILETIME = 4;
    private static final int UTF16 = 5;
    private static final int ANSI = 6;

    /** What each property of a flat list is, decided once per list (kept with it); null slots: not flat. */
    private static final class Plan {
        final int[] kind;
        /** Integers: the in-type's size, 0 for pointer-sized; strings: the fixed length, -1 for NUL-terminated. */
        final int[] size;
        final boolean[] signed;
        final Charset[] charset;
        /** The sum of the properties' name lengths (what the output budget spends on names). */
        final long nameUnits;

        Plan(int[] kind, int[] size, boolean[] signed, Charset[] charset, long nameUnits) {
            this.kind = kind;
            this.size = size;
            this.signed = signed;
            this.charset = charset;
            this.nameUnits = nameUnits;
        }
    }

    /** Kept with a list that is not flat. */
    private static final Object NOT_FLAT = new Object();

    private ReadOnlyBytes p;
    private int end;
    private int pointerSize;
    private Plan plan;
    /** Per property: where its value starts, its value's length in bytes (strings), where the next one starts. */
    private int[] start = new int[32];
    private int[] length = new int[32];
    private int trailing;
    private char[] chars = new char[256];

    /**
     * Walks {@code record}'s payload with {@code schema}'s properties; true if the schema is flat and the payload fits
     * it whole, so that {@link #emit} gives every field and there are no field errors. False: nothing is decided,
     * decode with {@link PayloadDecoder}.
     */
    public boolean measure(EventRecord record, EventSchema schema) {
        PropertyList props = PropertyList.of(schema.properties());
        Plan pl = plan(props);
        if (pl == null) {
            return false;
        }
        ReadOnlyBytes bytes = RecordBytes.payload(record);
        int n = pl.kind.length;
        if (start.length < n) {
            start = new int[Math.max(n, 2 * start.length)];
            length = new int[start.length];
        }
        int e = bytes.length();
        int ptr = record.pointerSize();
        long units = pl.nameUnits; // an upper bound of what PayloadDecoder spends: within its budget, never reached
        int pos = 0;
        for (int i = 0; i < n; i++) {
            start[i] = pos;
            int size = pl.size[i];
            switch (pl.kind[i]) {
                case INT:
                    pos += size == 0 ? ptr : size;
                    units++;
                    break;
                case BOOL:
                    pos += 4;
                    units++;
                    break;
                case GUID:
                    pos += 16;
                    units++;
                    break;
                case FILETIME:
                    if (e - pos < 8 || bytes.i64(pos) < 0) {
                        return false; // short, or out of range: a field error, PayloadDecoder's to report
                    }
                    pos += 8;
                    units++;
                    break;
                case UTF16:
                    if (size < 0) { // InTypeReader.utf16z
                        int z = pos;
                        while (z + 8 <= e && !hasZeroUnit(bytes.i64(z))) { // 4 units at a time while none is NUL
                            z += 8;
                        }
                        while (z + 1 < e && bytes.u16(z) != 0) { // a 2-byte NUL, as InTypeReader's two u8 tests
                            z += 2;
                        }
                        length[i] = (Math.min(z, e) - pos) & ~1;
                        pos = z + 1 < e ? z + 2 : e;
                    } else { // InTypeReader.utf16Bytes(2 * size)
                        int count = 2 * size;
                        if (count < 0 || e - pos < count) {
                            return false;
                        }
                        int k = count;
                        while (k >= 2 && bytes.u8(pos + k - 1) == 0 && bytes.u8(pos + k - 2) == 0) {
                            k -= 2;
                        }
                        length[i] = k;
                        pos += count;
                    }
                    units += Math.max(1, length[i] / 2);
                    continue; // a string never runs past the end
                default: // ANSI
                    if (size < 0) { // InTypeReader.ansiz
                        int z = pos;
                        while (z < e && bytes.u8(z) != 0) {
                            z++;
                        }
                        length[i] = z - pos;
                        pos = z < e ? z + 1 : e;
                    } else { // InTypeReader.ansiFixed
                        if (e - pos < size) {
                            return false;
                        }
                        int k = size;
                        while (k > 0 && bytes.u8(pos + k - 1) == 0) {
                            k--;
                        }
                        length[i] = k;
                        pos += size;
                    }
                    units += Math.max(1, length[i]);
                    continue;
            }
            if (pos > e) {
                return false; // a value runs short: field errors and a lost layout, PayloadDecoder's to report
            }
        }
        if (units > PayloadDecoder.OUTPUT_PER_BYTE * (long) e + PayloadDecoder.OUTPUT_CONSTANT) {
            return false;
        }
        this.p = bytes;
        this.end = e;
        this.pointerSize = ptr;
        this.plan = pl;
        this.trailing = e - pos;
        return true;
    }

    /**
     * {@return true if one of the four 16-bit lanes of {@code x} is 0} (the word-at-a-time zero test: a lane that is 0
     * borrows through its top bit; none is missed, and a lane above a zero one may be flagged, which the caller's
     * unit-by-unit scan then settles).
     */
    static boolean hasZeroUnit(long x) {
        return ((x - 0x0001_0001_0001_0001L) & ~x & 0x8000_8000_8000_8000L) != 0;
    }

    /** The bytes after the last property of the payload {@link #measure} accepted. */
    public int trailingBytes() {
        return trailing;
    }

    /**
     * Gives every field of the payload {@link #measure} accepted to {@code sink}, in property order; may be called
     * again (for another sink) until the next {@code measure}.
     */
    public void emit(FlatFieldSink sink) throws IOException {
        Plan pl = plan;
        ReadOnlyBytes b = p;
        for (int i = 0, n = pl.kind.length; i < n; i++) {
            int at = start[i];
            switch (pl.kind[i]) {
                case INT: {
                    int size = pl.size[i] == 0 ? pointerSize : pl.size[i];
                    long v = b.unsigned(at, size);
                    if (pl.signed[i]) {
                        int shift = 64 - 8 * size;
                        v = v << shift >> shift;
                    }
                    sink.integer(i, v, pl.signed[i]);
                    break;
                }
                case BOOL:
                    sink.bool(i, b.u32(at) != 0);
                    break;
                case GUID:
                    sink.guid(i, b.guid(at));
                    break;
                case FILETIME:
                    sink.time(i, FileTimes.toInstant(b.i64(at)));
                    break;
                case UTF16:
                    utf16(sink, i, at, length[i]);
                    break;
                default:
                    ansi(sink, i, at, length[i], pl.charset[i]);
                    break;
            }
        }
    }

    private void utf16(FlatFieldSink sink, int index, int at, int byteCount) throws IOException {
        int n = byteCount / 2;
        char[] c = capacity(n);
        for (int k = 0; k < n; k++) {
            int ch = p.u16(at + 2 * k);
            if (ch < 0x20 || ch >= 0x7F) {
                sink.string(index, p.utf16(at, byteCount)); // as PayloadDecoder decodes it
                return;
            }
            c[k] = (char) ch;
        }
        sink.ascii(index, c, n);
    }

    private void ansi(FlatFieldSink sink, int index, int at, int byteCount, Charset cs) throws IOException {
        char[] c = capacity(byteCount);
        for (int k = 0; k < byteCount; k++) {
            int ch = p.u8(at + k);
            if (ch < 0x20 || ch >= 0x7F) {
                sink.string(index, p.string(at, byteCount, cs));
                return;
            }
            c[k] = (char) ch; // printable ASCII: the same character in windows-1252, Latin-1 and UTF-8
        }
        sink.ascii(index, c, byteCount);
    }

    private char[] capacity(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        return chars;
    }

    /** The plan of {@code props}, made once and kept with them; null when they are not flat. */
    private static Plan plan(PropertyList props) {
        Object memo = props.decoderMemo();
        if (memo instanceof Plan pl) {
            return pl;
        }
        if (memo == NOT_FLAT) {
            return null;
        }
        Plan pl = makePlan(props);
        props.decoderMemo(pl == null ? NOT_FLAT : pl);
        return pl;
    }

    private static Plan makePlan(PropertyList props) {
        int n = props.size();
        if (!props.uniqueNames()) {
            return null;
        }
        int[] kind = new int[n];
        int[] size = new int[n];
        boolean[] signed = new boolean[n];
        Charset[] charset = new Charset[n];
        long names = 0;
        for (int i = 0; i < n; i++) {
            PropertySchema q = props.get(i);
            if (q.isStruct() || !(q.count() instanceof PropertyCount.Single) || q.map().isPresent()) {
                return null;
            }
            PropertySize s = q.size();
            int fixed = s instanceof PropertySize.Fixed f ? f.value() : -1;
            if (!(s instanceof PropertySize.Fixed) && !(s instanceof PropertySize.Natural)) {
                return null;
            }
            InType t = q.inType();
            OutType o = q.outType();
            if (t.isInteger()) {
                if (o == OutType.IPV4 || o == OutType.PORT) {
                    return null;
                }
                kind[i] = INT;
                size[i] = t == InType.POINTER || t == InType.SIZET ? 0 : t.fixedSize();
                signed[i] = t.isSigned();
            } else if (t == InType.BOOLEAN) {
                kind[i] = BOOL;
            } else if (t == InType.GUID) {
                kind[i] = GUID;
            } else if (t == InType.FILETIME) {
                kind[i] = FILETIME;
            } else if (t == InType.UNICODESTRING) {
                kind[i] = UTF16;
                size[i] = fixed;
            } else if (t == InType.ANSISTRING) {
                kind[i] = ANSI;
                size[i] = fixed;
                charset[i] = OutTypes.charset(o);
            } else {
                return null;
            }
            names += q.name().length();
        }
        return new Plan(kind, size, signed, charset, names);
    }
}
