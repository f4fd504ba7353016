package io.etw4j.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * How a property's value is meant to be shown: the TDH out-types of tdh.h ({@code _TDH_OUT_TYPE}). It changes the
 * Java value only where the bytes are something else than a number (an IPv4 address in a UINT32, an IPv6 or socket
 * address in binary, an 8-bit string's encoding) and for a PORT's byte order; for every other integer (HexInt32,
 * PID, Win32 error, BOOLEAN ...) it is a formatting hint kept in the schema ({@link PropertySchema#outType()}) and
 * the value stays the {@link Long} of its in-type. Each constant keeps its tdh.h
 * number ({@link #code()}).
 */
public enum OutType {
    /** TDH_OUTTYPE_NULL (0): the in-type's default. */
    NULL(0),
    /** TDH_OUTTYPE_STRING (1). */
    STRING(1),
    /** TDH_OUTTYPE_DATETIME (2). */
    DATETIME(2),
    /** TDH_OUTTYPE_BYTE (3). */
    BYTE(3),
    /** TDH_OUTTYPE_UNSIGNEDBYTE (4). */
    UNSIGNEDBYTE(4),
    /** TDH_OUTTYPE_SHORT (5). */
    SHORT(5),
    /** TDH_OUTTYPE_UNSIGNEDSHORT (6). */
    UNSIGNEDSHORT(6),
    /** TDH_OUTTYPE_INT (7). */
    INT(7),
    /** TDH_OUTTYPE_UNSIGNEDINT (8). */
    UNSIGNEDINT(8),
    /** TDH_OUTTYPE_LONG (9). */
    LONG(9),
    /** TDH_OUTTYPE_UNSIGNEDLONG (10). */
    UNSIGNEDLONG(10),
    /** TDH_OUTTYPE_FLOAT (11). */
    FLOAT(11),
    /** TDH_OUTTYPE_DOUBLE (12). */
    DOUBLE(12),
    /** TDH_OUTTYPE_BOOLEAN (13): an integer shown as a boolean (0 = false); the value stays the integer. */
    BOOLEAN(13),
    /** TDH_OUTTYPE_GUID (14). */
    GUID(14),
    /** TDH_OUTTYPE_HEXBINARY (15). */
    HEXBINARY(15),
    /** TDH_OUTTYPE_HEXINT8 (16). */
    HEXINT8(16),
    /** TDH_OUTTYPE_HEXINT16 (17). */
    HEXINT16(17),
    /** TDH_OUTTYPE_HEXINT32 (18). */
    HEXINT32(18),
    /** TDH_OUTTYPE_HEXINT64 (19). */
    HEXINT64(19),
    /** TDH_OUTTYPE_PID (20). */
    PID(20),
    /** TDH_OUTTYPE_TID (21). */
    TID(21),
    /** TDH_OUTTYPE_PORT (22): a UINT16 in network (big-endian) byte order. */
    PORT(22),
    /** TDH_OUTTYPE_IPV4 (23): a UINT32 holding an IPv4 address in network order. */
    IPV4(23),
    /** TDH_OUTTYPE_IPV6 (24): 16 bytes of an IPv6 address. */
    IPV6(24),
    /** TDH_OUTTYPE_SOCKETADDRESS (25): a SOCKADDR_IN or SOCKADDR_IN6 in binary. */
    SOCKETADDRESS(25),
    /** TDH_OUTTYPE_CIMDATETIME (26). */
    CIMDATETIME(26),
    /** TDH_OUTTYPE_ETWTIME (27). */
    ETWTIME(27),
    /** TDH_OUTTYPE_XML (28). */
    XML(28),
    /** TDH_OUTTYPE_ERRORCODE (29). */
    ERRORCODE(29),
    /** TDH_OUTTYPE_WIN32ERROR (30). */
    WIN32ERROR(30),
    /** TDH_OUTTYPE_NTSTATUS (31). */
    NTSTATUS(31),
    /** TDH_OUTTYPE_HRESULT (32). */
    HRESULT(32),
    /** TDH_OUTTYPE_CULTURE_INSENSITIVE_DATETIME (33). */
    CULTURE_INSENSITIVE_DATETIME(33),
    /** TDH_OUTTYPE_JSON (34). */
    JSON(34),
    /** TDH_OUTTYPE_UTF8 (35): an ANSI string whose bytes are UTF-8. */
    UTF8(35),
    /** TDH_OUTTYPE_PKCS7_WITH_TYPE_INFO (36). */
    PKCS7_WITH_TYPE_INFO(36),
    /** TDH_OUTTYPE_CODE_POINTER (37). */
    CODE_POINTER(37),
    /** TDH_OUTTYPE_DATETIME_UTC (38). */
    DATETIME_UTC(38),
    /** TDH_OUTTYPE_REDUCEDSTRING (300). */
    REDUCEDSTRING(300),
    /** TDH_OUTTYPE_NOPRINT (301). */
    NOPRINT(301);

    private static final Map<Integer, OutType> BY_CODE = new HashMap<>();

    static {
        for (OutType t : values()) {
            BY_CODE.put(t.code, t);
        }
    }

    private final int code;

    OutType(int code) {
        this.code = code;
    }

    /** The tdh.h number. */
    public int code() {
        return code;
    }

    /** True for the hex out-types (values shown as "0x..."). */
    public boolean isHex() {
        return this == HEXINT8 || this == HEXINT16 || this == HEXINT32 || this == HEXINT64 || this == CODE_POINTER;
    }

    /** The out-type with tdh.h number {@code code}, or {@link #NULL} if unknown. */
    public static OutType ofCode(int code) {
        return BY_CODE.getOrDefault(code, NULL);
    }
}
