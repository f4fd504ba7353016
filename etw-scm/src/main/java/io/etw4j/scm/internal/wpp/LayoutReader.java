package io.etw4j.scm.internal.wpp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an SCM WPP payload by one message table entry's layout, exactly: every field within bounds, each utf16z string
 * NUL-terminated and well-formed UTF-16, no byte left over, and every named field plausible ({@link MessageFields}).
 * Two forms of the one test: {@link #readIfFits} (null for a misfit: no reason, no exception, and a payload without
 * the layout's shape is refused before any string is made) for the records that fit some candidate, and {@link #read}
 * (a misfit throws with its reason) for the unknown messages that list why each candidate failed. Stateless.
 */
final class LayoutReader {
    private LayoutReader() {
    }

    /** The fields of one payload, read by an entry's layout. */
    static final class Reading {
        final MessageEntry entry;
        final Map<String, Object> values = new LinkedHashMap<>();

        Reading(MessageEntry entry) {
            this.entry = entry;
        }
    }

    /** The payload does not have the entry's shape. */
    static final class ShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The fields of {@code p} read by {@code e}'s layout, or null if it does not fit: the same test and the same
     * values as {@link #read}, without the reasons, and without any exception (a thrown exception costs more than the
     * whole reading, and most candidates of a record do not fit).
     */
    static Reading readIfFits(byte[] p, int pointerSize, MessageEntry e, MessageFields.PidRule pidRule) {
        if (!hasShape(p, pointerSize, e)) {
            return null;
        }
        // The shape holds: every field is within bounds and each string has its NUL.
        Reading r = new Reading(e);
        int pos = 0;
        for (FieldSpec f : e.fields()) {
            switch (f.type()) {
                case UTF16Z: {
                    int end = nulAt(p, pos);
                    String s = wellFormedOrNull(p, pos, end);
                    if (s == null) {
                        return null;
                    }
                    r.values.put(f.name(), s);
                    pos = end + 2;
                    break;
                }
                case U16:
                    r.values.put(f.name(), (long) ((p[pos] & 0xFF) | (p[pos + 1] & 0xFF) << 8));
                    pos += 2;
                    break;
                case U32:
                    r.values.put(f.name(), le(p, pos, 4));
                    pos += 4;
                    break;
                case U64:
                    r.values.put(f.name(), le(p, pos, 8));
                    pos += 8;
                    break;
                case PTR:
                    r.values.put(f.name(), le(p, pos, pointerSize));
                    pos += pointerSize;
                    break;
                default:
                    return null;
            }
        }
        for (Map.Entry<String, Object> v : r.values.entrySet()) {
            if (MessageFields.check(v.getKey(), v.getValue(), pidRule) != null) {
                return null;
            }
        }
        return r;
    }

    /** The fields of {@code p} read by {@code e}'s layout; a payload that does not fit throws with the reason. */
    static Reading read(byte[] p, int pointerSize, MessageEntry e, MessageFields.PidRule pidRule)
            throws ShapeException {
        Reading r = new Reading(e);
        int pos = 0;
        for (FieldSpec f : e.fields()) {
            switch (f.type()) {
                case UTF16Z: {
                    int end = nulAt(p, pos);
                    if (end < 0) {
                        throw new ShapeException("utf16z " + f.name() + " at offset " + pos + " has no NUL terminator "
                                + "before the end of the " + p.length + "-byte payload");
                    }
                    String s = wellFormed(p, pos, end, f.name());
                    r.values.put(f.name(), s);
                    pos = end + 2;
                    break;
                }
                case U16:
                    need(p, pos, 2, f);
                    r.values.put(f.name(), (long) ((p[pos] & 0xFF) | (p[pos + 1] & 0xFF) << 8));
                    pos += 2;
                    break;
                case U32:
                    need(p, pos, 4, f);
                    r.values.put(f.name(), le(p, pos, 4));
                    pos += 4;
                    break;
                case U64:
                    need(p, pos, 8, f);
                    r.values.put(f.name(), le(p, pos, 8));
                    pos += 8;
                    break;
                case PTR:
                    need(p, pos, pointerSize, f);
                    r.values.put(f.name(), le(p, pos, pointerSize));
                    pos += pointerSize;
                    break;
                default:
                    throw new ShapeException("field type " + f.type() + " not supported");
            }
        }
        if (pos != p.length) {
            throw new ShapeException((p.length - pos) + " byte(s) left after the last field (offset " + pos + " of "
                    + p.length + ")");
        }
        for (Map.Entry<String, Object> v : r.values.entrySet()) {
            String why = MessageFields.check(v.getKey(), v.getValue(), pidRule);
            if (why != null) {
                throw new ShapeException(why);
            }
        }
        return r;
    }

    private static void need(byte[] p, int pos, int n, FieldSpec f) throws ShapeException {
        if (p.length - pos < n) {
            throw new ShapeException(f + " at offset " + pos + " needs " + n + " byte(s) but " + (p.length - pos)
                    + " remain");
        }
    }

    /** The offset of the 2-byte NUL ending the UTF-16LE string at {@code pos}, or -1. */
    private static int nulAt(byte[] p, int pos) {
        for (int i = pos; i + 1 < p.length; i += 2) {
            if (p[i] == 0 && p[i + 1] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The string of code units {@code [pos, end)}, refusing unpaired surrogates. */
    private static String wellFormed(byte[] p, int pos, int end, String field) throws ShapeException {
        char[] chars = codeUnits(p, pos, end);
        int bad = unpairedSurrogate(chars);
        if (bad >= 0) {
            throw new ShapeException(field + " has an unpaired UTF-16 surrogate 0x" + Integer.toHexString(chars[bad])
                    + " at offset " + (pos + 2 * bad));
        }
        return new String(chars);
    }

    /** The string of code units {@code [pos, end)}, or null if it has an unpaired surrogate ({@link #wellFormed}). */
    private static String wellFormedOrNull(byte[] p, int pos, int end) {
        char[] chars = codeUnits(p, pos, end);
        return unpairedSurrogate(chars) >= 0 ? null : new String(chars);
    }

    /** The UTF-16LE code units of {@code p[pos, end)}. */
    private static char[] codeUnits(byte[] p, int pos, int end) {
        char[] chars = new char[(end - pos) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((p[pos + 2 * i] & 0xFF) | (p[pos + 2 * i + 1] & 0xFF) << 8);
        }
        return chars;
    }

    /** {@return the index of the first unpaired surrogate of {@code chars}, or -1} */
    private static int unpairedSurrogate(char[] chars) {
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static long le(byte[] p, int pos, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (p[pos + i] & 0xFF);
        }
        return v;
    }

    /**
     * True if {@code p} has {@code e}'s shape: every field within bounds, each utf16z with its NUL, no byte left over
     * (the first tests of {@link #read}, without making strings or values).
     */
    static boolean hasShape(byte[] p, int pointerSize, MessageEntry e) {
        int pos = 0;
        for (FieldSpec f : e.fields()) {
            int n;
            switch (f.type()) {
                case UTF16Z: {
                    int end = nulAt(p, pos);
                    if (end < 0) {
                        return false;
                    }
                    pos = end + 2;
                    continue;
                }
                case U16:
                    n = 2;
                    break;
                case U32:
                    n = 4;
                    break;
                case U64:
                    n = 8;
                    break;
                case PTR:
                    n = pointerSize;
                    break;
                default:
                    return false;
            }
            if (p.length - pos < n) {
                return false;
            }
            pos += n;
        }
        return pos == p.length;
    }
}
