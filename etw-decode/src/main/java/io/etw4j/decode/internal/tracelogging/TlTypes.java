package io.etw4j.decode.internal.tracelogging;

import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertySchema;

/**
 * The TraceLogging in-types ({@code TlgIn_t}) and out-types ({@code TlgOut_t}) of TraceLoggingProvider.h and their
 * mapping onto the TDH types of the schema model ({@link InType}, {@link OutType}). Stateless.
 *
 * <p>Numbers: TraceLoggingProvider.h (Windows SDK 10.0.14393 and later; TlgInCOUNTEDBINARY in later SDKs) and the
 * tracelogging crate's {@code InType}/{@code OutType} (microsoft/tracelogging, etw/rust/tracelogging/src/enums.rs).
 * In-types 1-21 have the TDH numbers of tdh.h; the out-types are numbered differently from TDH (TlgOutSTRING is 2,
 * TDH_OUTTYPE_STRING is 1), except 33 and 35-38, which match.
 */
final class TlTypes {
    // TlgIn_t (TraceLoggingProvider.h)
    static final int IN_NULL = 0;
    static final int IN_UNICODESTRING = 1;
    static final int IN_ANSISTRING = 2;
    static final int IN_INT8 = 3;
    static final int IN_UINT8 = 4;
    static final int IN_INT16 = 5;
    static final int IN_UINT16 = 6;
    static final int IN_INT32 = 7;
    static final int IN_UINT32 = 8;
    static final int IN_INT64 = 9;
    static final int IN_UINT64 = 10;
    static final int IN_FLOAT = 11;
    static final int IN_DOUBLE = 12;
    static final int IN_BOOL32 = 13;
    /** TlgInBINARY: a UINT16 byte count, then the bytes (tracelogging crate: "UINT16 byte-count followed by binary data"). */
    static final int IN_BINARY = 14;
    static final int IN_GUID = 15;
    /** _TlgInPOINTER_unsupported (16): TDH_INTYPE_POINTER in tdh.h. */
    static final int IN_POINTER = 16;
    static final int IN_FILETIME = 17;
    static final int IN_SYSTEMTIME = 18;
    static final int IN_SID = 19;
    static final int IN_HEXINT32 = 20;
    static final int IN_HEXINT64 = 21;
    /** TlgInCOUNTEDSTRING: UINT16 byte count, then UTF-16LE (TDH_INTYPE_MANIFEST_COUNTEDSTRING). */
    static final int IN_COUNTEDSTRING = 22;
    /** TlgInCOUNTEDANSISTRING: UINT16 byte count, then 8-bit chars (TDH_INTYPE_MANIFEST_COUNTEDANSISTRING). */
    static final int IN_COUNTEDANSISTRING = 23;
    /** _TlgInSTRUCT: no data; the out-type slot holds the number of the following fields that are its members. */
    static final int IN_STRUCT = 24;
    /** TlgInCOUNTEDBINARY: UINT16 byte count, then the bytes (TDH_INTYPE_MANIFEST_COUNTEDBINARY). */
    static final int IN_COUNTEDBINARY = 25;

    /** _TlgInTypeMask. */
    static final int IN_TYPE_MASK = 0x1F;
    /** _TlgInCcount: the field metadata holds a constant array count (UINT16). */
    static final int IN_CCOUNT = 0x20;
    /** TlgInVcount: the field data holds a variable array count (UINT16 before the elements). */
    static final int IN_VCOUNT = 0x40;
    /** _TlgInCustom (Vcount | Ccount): custom serializer; the metadata holds a UINT16 schema size and the schema. */
    static final int IN_CUSTOM = 0x60;
    /** _TlgInCountMask. */
    static final int IN_COUNT_MASK = 0x60;
    /** _TlgInChain: an out-type byte follows the in-type byte. */
    static final int IN_CHAIN = 0x80;

    // TlgOut_t (TraceLoggingProvider.h)
    static final int OUT_NULL = 0;
    static final int OUT_NOPRINT = 1;
    static final int OUT_STRING = 2;
    static final int OUT_BOOLEAN = 3;
    static final int OUT_HEX = 4;
    static final int OUT_PID = 5;
    static final int OUT_TID = 6;
    static final int OUT_PORT = 7;
    static final int OUT_IPV4 = 8;
    static final int OUT_IPV6 = 9;
    static final int OUT_SOCKETADDRESS = 10;
    static final int OUT_XML = 11;
    static final int OUT_JSON = 12;
    static final int OUT_WIN32ERROR = 13;
    static final int OUT_NTSTATUS = 14;
    static final int OUT_HRESULT = 15;
    static final int OUT_FILETIME = 16;
    static final int OUT_SIGNED = 17;
    static final int OUT_UNSIGNED = 18;
    /** TlgOutDATETIME_CULTURE_INSENSITIVE (tracelogging crate: 33). */
    static final int OUT_DATETIME_CULTURE_INSENSITIVE = 33;
    static final int OUT_UTF8 = 35;
    static final int OUT_PKCS7_WITH_TYPE_INFO = 36;
    static final int OUT_CODE_POINTER = 37;
    static final int OUT_DATETIME_UTC = 38;
    /** _TlgOutTypeMask. */
    static final int OUT_TYPE_MASK = 0x7F;
    /** _TlgOutChain: extension (tag) bytes follow the out-type byte. */
    static final int OUT_CHAIN = 0x80;

    private TlTypes() {
    }

    /**
     * One element of a non-struct field with TraceLogging in-type {@code tlIn} (0-31) and out-type {@code tlOut}
     * (0-127), or null if the in-type has no known layout (TlgInNULL, TlgInSTRUCT, 26-31).
     *
     * <p>Where the out-type changes the bytes' meaning the in-type is changed to the TDH type that reads them so:
     * INT8/UINT8 + STRING is an ANSICHAR and UINT16 + STRING a UNICODECHAR (TraceLoggingChar / TraceLoggingWChar,
     * arrays of them are strings); INT64/UINT64 + FILETIME is a FILETIME. XML and JSON on 8-bit strings are read as
     * UTF-8 (tracelogging crate OutType::Xml/Json: "Implies UTF-8 when used with Str8 or StrZ8"), shown as
     * {@link OutType#UTF8}. An out-type that does not fit the in-type or is unknown is dropped: it is only a
     * formatting hint (tracelogging crate, OutType: "If the OutType ... is not supported by the decoder then the field
     * receives a default formatting based on the field's InType").
     */
    static PropertySchema element(String name, int tlIn, int tlOut) {
        InType in = inType(tlIn);
        if (in == null) {
            return null;
        }
        OutType out = OutType.NULL;
        switch (tlOut) {
            case OUT_NULL:
            case OUT_SIGNED:
            case OUT_UNSIGNED:
                break; // the in-type's own rendering (signedness comes from the in-type)
            case OUT_NOPRINT:
                out = OutType.NOPRINT;
                break;
            case OUT_STRING:
                if (in == InType.INT8 || in == InType.UINT8) {
                    in = InType.ANSICHAR;
                } else if (in == InType.UINT16 || in == InType.INT16) {
                    in = InType.UNICODECHAR;
                } else if (isString(in)) {
                    out = OutType.STRING;
                }
                break;
            case OUT_BOOLEAN:
                out = in.isInteger() || in == InType.BOOLEAN ? OutType.BOOLEAN : OutType.NULL;
                break;
            case OUT_HEX:
                out = hex(in);
                break;
            case OUT_PID:
                out = in.isInteger() ? OutType.PID : OutType.NULL;
                break;
            case OUT_TID:
                out = in.isInteger() ? OutType.TID : OutType.NULL;
                break;
            case OUT_PORT:
                out = in == InType.UINT16 || in == InType.INT16 ? OutType.PORT : OutType.NULL;
                break;
            case OUT_IPV4:
                out = in == InType.UINT32 || in == InType.INT32 || in == InType.HEXINT32 ? OutType.IPV4 : OutType.NULL;
                break;
            case OUT_IPV6:
                out = in == InType.MANIFEST_COUNTEDBINARY ? OutType.IPV6 : OutType.NULL;
                break;
            case OUT_SOCKETADDRESS:
                out = in == InType.MANIFEST_COUNTEDBINARY ? OutType.SOCKETADDRESS : OutType.NULL;
                break;
            case OUT_XML:
            case OUT_JSON:
                out = is8BitString(in) ? OutType.UTF8 : isString(in) ? (tlOut == OUT_XML ? OutType.XML : OutType.JSON)
                        : OutType.NULL;
                break;
            case OUT_UTF8:
                out = is8BitString(in) ? OutType.UTF8 : OutType.NULL;
                break;
            case OUT_WIN32ERROR:
                out = in.isInteger() ? OutType.WIN32ERROR : OutType.NULL;
                break;
            case OUT_NTSTATUS:
                out = in.isInteger() ? OutType.NTSTATUS : OutType.NULL;
                break;
            case OUT_HRESULT:
                out = in.isInteger() ? OutType.HRESULT : OutType.NULL;
                break;
            case OUT_FILETIME:
                if (in == InType.INT64 || in == InType.UINT64 || in == InType.HEXINT64) {
                    in = InType.FILETIME;
                }
                break;
            case OUT_DATETIME_CULTURE_INSENSITIVE:
                out = isTime(in) ? OutType.CULTURE_INSENSITIVE_DATETIME : OutType.NULL;
                break;
            case OUT_DATETIME_UTC:
                out = isTime(in) ? OutType.DATETIME_UTC : OutType.NULL;
                break;
            case OUT_PKCS7_WITH_TYPE_INFO:
                out = in == InType.MANIFEST_COUNTEDBINARY ? OutType.PKCS7_WITH_TYPE_INFO : OutType.NULL;
                break;
            case OUT_CODE_POINTER:
                out = in.isInteger() ? OutType.CODE_POINTER : OutType.NULL;
                break;
            default:
                break; // unknown hint: dropped
        }
        return PropertySchema.of(name, in).withOutType(out);
    }

    /** The TDH in-type that reads TraceLogging in-type {@code tlIn}'s bytes, or null. */
    static InType inType(int tlIn) {
        switch (tlIn) {
            case IN_UNICODESTRING: return InType.UNICODESTRING;
            case IN_ANSISTRING: return InType.ANSISTRING;
            case IN_INT8: return InType.INT8;
            case IN_UINT8: return InType.UINT8;
            case IN_INT16: return InType.INT16;
            case IN_UINT16: return InType.UINT16;
            case IN_INT32: return InType.INT32;
            case IN_UINT32: return InType.UINT32;
            case IN_INT64: return InType.INT64;
            case IN_UINT64: return InType.UINT64;
            case IN_FLOAT: return InType.FLOAT;
            case IN_DOUBLE: return InType.DOUBLE;
            case IN_BOOL32: return InType.BOOLEAN;
            // TlgInBINARY's data is a UINT16 byte count and the bytes, the layout of TDH's counted binary (TDH shows
            // the count as a synthesized "Name.Length" field; here it is part of the value).
            case IN_BINARY: return InType.MANIFEST_COUNTEDBINARY;
            case IN_GUID: return InType.GUID;
            // 16 is "_TlgInPOINTER_unsupported" in TraceLoggingProvider.h (TlgInPOINTER is HEXINT32/64); tdh.h gives
            // 16 to TDH_INTYPE_POINTER, read here by the record's pointer size (inferred: no writer emits it).
            case IN_POINTER: return InType.POINTER;
            case IN_FILETIME: return InType.FILETIME;
            case IN_SYSTEMTIME: return InType.SYSTEMTIME;
            case IN_SID: return InType.SID;
            case IN_HEXINT32: return InType.HEXINT32;
            case IN_HEXINT64: return InType.HEXINT64;
            case IN_COUNTEDSTRING: return InType.MANIFEST_COUNTEDSTRING;
            case IN_COUNTEDANSISTRING: return InType.MANIFEST_COUNTEDANSISTRING;
            case IN_COUNTEDBINARY: return InType.MANIFEST_COUNTEDBINARY;
            default: return null; // TlgInNULL, _TlgInSTRUCT (handled by the parser), 26-31: no known layout
        }
    }

    private static OutType hex(InType in) {
        switch (in) {
            case INT8: case UINT8: return OutType.HEXINT8;
            case INT16: case UINT16: return OutType.HEXINT16;
            case INT32: case UINT32: case HEXINT32: return OutType.HEXINT32;
            case INT64: case UINT64: case HEXINT64: return OutType.HEXINT64;
            case MANIFEST_COUNTEDBINARY: return OutType.HEXBINARY;
            default: return OutType.NULL;
        }
    }

    private static boolean isString(InType in) {
        return in == InType.UNICODESTRING || in == InType.MANIFEST_COUNTEDSTRING || is8BitString(in);
    }

    private static boolean is8BitString(InType in) {
        return in == InType.ANSISTRING || in == InType.MANIFEST_COUNTEDANSISTRING;
    }

    private static boolean isTime(InType in) {
        return in == InType.FILETIME || in == InType.SYSTEMTIME;
    }
}
