package io.etw4j.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * How a property's bytes are laid out in the payload: the TDH in-types of tdh.h ({@code _TDH_IN_TYPE}), which
 * manifests ({@code win:UInt32} ...), TraceLogging metadata and TRACE_EVENT_INFO all map onto. Each constant keeps its
 * tdh.h number ({@link #code()}).
 */
public enum InType {
    /** TDH_INTYPE_NULL (0): no data. */
    NULL(0, 0),
    /** TDH_INTYPE_UNICODESTRING (1): UTF-16LE, NUL-terminated unless a length is given (in characters). */
    UNICODESTRING(1, -1),
    /** TDH_INTYPE_ANSISTRING (2): 8-bit characters (read as Windows-1252), NUL-terminated unless a length is given. */
    ANSISTRING(2, -1),
    /** TDH_INTYPE_INT8 (3). */
    INT8(3, 1),
    /** TDH_INTYPE_UINT8 (4). */
    UINT8(4, 1),
    /** TDH_INTYPE_INT16 (5). */
    INT16(5, 2),
    /** TDH_INTYPE_UINT16 (6). */
    UINT16(6, 2),
    /** TDH_INTYPE_INT32 (7). */
    INT32(7, 4),
    /** TDH_INTYPE_UINT32 (8). */
    UINT32(8, 4),
    /** TDH_INTYPE_INT64 (9). */
    INT64(9, 8),
    /** TDH_INTYPE_UINT64 (10). */
    UINT64(10, 8),
    /** TDH_INTYPE_FLOAT (11): IEEE 754 single. */
    FLOAT(11, 4),
    /** TDH_INTYPE_DOUBLE (12): IEEE 754 double. */
    DOUBLE(12, 8),
    /** TDH_INTYPE_BOOLEAN (13): a 4-byte BOOL (win:Boolean), 0 = false. */
    BOOLEAN(13, 4),
    /** TDH_INTYPE_BINARY (14): bytes; needs a length. */
    BINARY(14, -1),
    /** TDH_INTYPE_GUID (15): 16 bytes, GUID layout (Data1..3 little-endian). */
    GUID(15, 16),
    /** TDH_INTYPE_POINTER (16): the record's pointer size. */
    POINTER(16, -1),
    /** TDH_INTYPE_FILETIME (17): 100 ns since 1601-01-01 UTC, 8 bytes. */
    FILETIME(17, 8),
    /** TDH_INTYPE_SYSTEMTIME (18): eight UINT16 (year, month, day of week, day, hour, minute, second, ms). */
    SYSTEMTIME(18, 16),
    /** TDH_INTYPE_SID (19): a SID, its length from its sub-authority count. */
    SID(19, -1),
    /** TDH_INTYPE_HEXINT32 (20). */
    HEXINT32(20, 4),
    /** TDH_INTYPE_HEXINT64 (21). */
    HEXINT64(21, 8),
    /** TDH_INTYPE_MANIFEST_COUNTEDSTRING (22): a UINT16 byte count, then UTF-16LE. */
    MANIFEST_COUNTEDSTRING(22, -1),
    /** TDH_INTYPE_MANIFEST_COUNTEDANSISTRING (23): a UINT16 byte count, then 8-bit characters. */
    MANIFEST_COUNTEDANSISTRING(23, -1),
    /** TDH_INTYPE_MANIFEST_COUNTEDBINARY (25): a UINT16 byte count, then bytes. */
    MANIFEST_COUNTEDBINARY(25, -1),
    /** TDH_INTYPE_COUNTEDSTRING (300): a UINT16 byte count, then UTF-16LE. */
    COUNTEDSTRING(300, -1),
    /** TDH_INTYPE_COUNTEDANSISTRING (301): a UINT16 byte count, then 8-bit characters. */
    COUNTEDANSISTRING(301, -1),
    /** TDH_INTYPE_REVERSEDCOUNTEDSTRING (302): a big-endian UINT16 byte count, then UTF-16LE. */
    REVERSEDCOUNTEDSTRING(302, -1),
    /** TDH_INTYPE_REVERSEDCOUNTEDANSISTRING (303): a big-endian UINT16 byte count, then 8-bit characters. */
    REVERSEDCOUNTEDANSISTRING(303, -1),
    /** TDH_INTYPE_NONNULLTERMINATEDSTRING (304): UTF-16LE to the end of the payload. */
    NONNULLTERMINATEDSTRING(304, -1),
    /** TDH_INTYPE_NONNULLTERMINATEDANSISTRING (305): 8-bit characters to the end of the payload. */
    NONNULLTERMINATEDANSISTRING(305, -1),
    /** TDH_INTYPE_UNICODECHAR (306): one UTF-16 code unit. */
    UNICODECHAR(306, 2),
    /** TDH_INTYPE_ANSICHAR (307): one 8-bit character. */
    ANSICHAR(307, 1),
    /** TDH_INTYPE_SIZET (308): the record's pointer size. */
    SIZET(308, -1),
    /** TDH_INTYPE_HEXDUMP (309): a UINT32 byte count, then bytes. */
    HEXDUMP(309, -1),
    /** TDH_INTYPE_WBEMSID (310): a TOKEN_USER (two pointers) followed by a SID (kernel MOF events). */
    WBEMSID(310, -1);

    private static final Map<Integer, InType> BY_CODE = new HashMap<>();

    static {
        for (InType t : values()) {
            BY_CODE.put(t.code, t);
        }
    }

    private final int code;
    private final int fixedSize;

    InType(int code, int fixedSize) {
        this.code = code;
        this.fixedSize = fixedSize;
    }

    /** The tdh.h number. */
    public int code() {
        return code;
    }

    /** The size in bytes when it does not depend on the data or the record, else -1. */
    public int fixedSize() {
        return fixedSize;
    }

    /** True for the integer types (signed, unsigned, hex, pointer-sized). */
    public boolean isInteger() {
        switch (this) {
            case INT8: case UINT8: case INT16: case UINT16: case INT32: case UINT32: case INT64: case UINT64:
            case HEXINT32: case HEXINT64: case POINTER: case SIZET:
                return true;
            default:
                return false;
        }
    }

    /** True for the signed integer types. */
    public boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    /** The in-type with tdh.h number {@code code}, or null. */
    public static InType ofCode(int code) {
        return BY_CODE.get(code);
    }
}
