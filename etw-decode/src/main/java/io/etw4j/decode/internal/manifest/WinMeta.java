package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import java.util.Map;

/**
 * The standard names a manifest may use without defining them: the in-types and out-types of the event manifest
 * schema, and the win: levels, opcodes, channels and keywords of the Windows SDK's winmeta.xml.
 *
 * <p>Sources: learn.microsoft.com "InputType complex type" and "OutputType complex type" (the tables of types defined
 * in Winmeta.xml, with the TDH in-type / out-type each maps to in tdh.h {@code _TDH_IN_TYPE} / {@code _TDH_OUT_TYPE});
 * learn.microsoft.com "LevelType complex type", "OpcodeType complex type" and winmeta.h ({@code WINEVENT_LEVEL_*},
 * {@code WINEVENT_OPCODE_*}, {@code WINEVENT_CHANNEL_*}, {@code WINEVENT_KEYWORD_*}) for the numbers.
 */
final class WinMeta {
    private WinMeta() {
    }

    /** Manifest in-type names to TDH in-types ("InputType complex type"). */
    static final Map<String, InType> IN_TYPES = Map.ofEntries(
            Map.entry("win:UnicodeString", InType.UNICODESTRING),
            Map.entry("win:AnsiString", InType.ANSISTRING),
            Map.entry("win:Int8", InType.INT8),
            Map.entry("win:UInt8", InType.UINT8),
            Map.entry("win:Int16", InType.INT16),
            Map.entry("win:UInt16", InType.UINT16),
            Map.entry("win:Int32", InType.INT32),
            Map.entry("win:UInt32", InType.UINT32),
            Map.entry("win:Int64", InType.INT64),
            Map.entry("win:UInt64", InType.UINT64),
            Map.entry("win:Float", InType.FLOAT),
            Map.entry("win:Double", InType.DOUBLE),
            Map.entry("win:Boolean", InType.BOOLEAN),
            Map.entry("win:Binary", InType.BINARY),
            Map.entry("win:GUID", InType.GUID),
            Map.entry("win:Pointer", InType.POINTER),
            Map.entry("win:FILETIME", InType.FILETIME),
            Map.entry("win:SYSTEMTIME", InType.SYSTEMTIME),
            Map.entry("win:SID", InType.SID),
            Map.entry("win:HexInt32", InType.HEXINT32),
            Map.entry("win:HexInt64", InType.HEXINT64),
            Map.entry("win:CountedUnicodeString", InType.MANIFEST_COUNTEDSTRING),
            Map.entry("win:CountedAnsiString", InType.MANIFEST_COUNTEDANSISTRING),
            Map.entry("win:CountedBinary", InType.MANIFEST_COUNTEDBINARY));

    /** Manifest out-type names to TDH out-types ("OutputType complex type"). */
    static final Map<String, OutType> OUT_TYPES = Map.ofEntries(
            Map.entry("xs:string", OutType.STRING),
            Map.entry("xs:dateTime", OutType.DATETIME),
            Map.entry("xs:byte", OutType.BYTE),
            Map.entry("xs:unsignedByte", OutType.UNSIGNEDBYTE),
            Map.entry("xs:short", OutType.SHORT),
            Map.entry("xs:unsignedShort", OutType.UNSIGNEDSHORT),
            Map.entry("xs:int", OutType.INT),
            Map.entry("xs:unsignedInt", OutType.UNSIGNEDINT),
            Map.entry("xs:long", OutType.LONG),
            Map.entry("xs:unsignedLong", OutType.UNSIGNEDLONG),
            Map.entry("xs:float", OutType.FLOAT),
            Map.entry("xs:double", OutType.DOUBLE),
            Map.entry("xs:boolean", OutType.BOOLEAN),
            Map.entry("xs:GUID", OutType.GUID),
            Map.entry("xs:hexBinary", OutType.HEXBINARY),
            Map.entry("win:HexInt8", OutType.HEXINT8),
            Map.entry("win:HexInt16", OutType.HEXINT16),
            Map.entry("win:HexInt32", OutType.HEXINT32),
            Map.entry("win:HexInt64", OutType.HEXINT64),
            Map.entry("win:PID", OutType.PID),
            Map.entry("win:TID", OutType.TID),
            Map.entry("win:Port", OutType.PORT),
            Map.entry("win:IPv4", OutType.IPV4),
            Map.entry("win:IPv6", OutType.IPV6),
            Map.entry("win:SocketAddress", OutType.SOCKETADDRESS),
            Map.entry("win:CIMDateTime", OutType.CIMDATETIME),
            Map.entry("win:ETWTIME", OutType.ETWTIME),
            Map.entry("win:Xml", OutType.XML),
            Map.entry("win:ErrorCode", OutType.ERRORCODE),
            Map.entry("win:Win32Error", OutType.WIN32ERROR),
            Map.entry("win:NTSTATUS", OutType.NTSTATUS),
            Map.entry("win:HResult", OutType.HRESULT),
            Map.entry("win:DateTimeCultureInsensitive", OutType.CULTURE_INSENSITIVE_DATETIME),
            Map.entry("win:Json", OutType.JSON),
            Map.entry("win:Utf8", OutType.UTF8),
            Map.entry("win:Pkcs7WithTypeInfo", OutType.PKCS7_WITH_TYPE_INFO),
            Map.entry("win:CodePointer", OutType.CODE_POINTER),
            Map.entry("win:DateTimeUtc", OutType.DATETIME_UTC));

    /** The win: levels (winmeta.h WINEVENT_LEVEL_*). */
    static final Map<String, Long> LEVELS = Map.of(
            "win:LogAlways", 0L, "win:Critical", 1L, "win:Error", 2L, "win:Warning", 3L, "win:Informational", 4L,
            "win:Verbose", 5L);

    /** The win: opcodes (winmeta.h WINEVENT_OPCODE_*). */
    static final Map<String, Long> OPCODES = Map.ofEntries(
            Map.entry("win:Info", 0L), Map.entry("win:Start", 1L), Map.entry("win:Stop", 2L),
            Map.entry("win:DC_Start", 3L), Map.entry("win:DC_Stop", 4L), Map.entry("win:Extension", 5L),
            Map.entry("win:Reply", 6L), Map.entry("win:Resume", 7L), Map.entry("win:Suspend", 8L),
            Map.entry("win:Send", 9L), Map.entry("win:Receive", 240L));

    /** The win: channels (winmeta.h WINEVENT_CHANNEL_*). */
    static final Map<String, Long> CHANNELS = Map.of(
            "System", 8L, "Application", 9L, "Security", 10L, "TraceClassic", 11L, "TraceLogging", 12L,
            "ProviderMetadata", 13L);

    /** The win: keywords (winmeta.h WINEVENT_KEYWORD_*). */
    static final Map<String, Long> KEYWORDS = Map.of(
            "win:AnyKeyword", 0L, "win:ResponseTime", 0x0001_0000_0000_0000L, "win:WDIDiag", 0x0004_0000_0000_0000L,
            "win:SQM", 0x0008_0000_0000_0000L, "win:AuditFailure", 0x0010_0000_0000_0000L,
            "win:AuditSuccess", 0x0020_0000_0000_0000L, "win:CorrelationHint", 0x0040_0000_0000_0000L,
            "win:EventlogClassic", 0x0080_0000_0000_0000L);

    /** A standard name without its "win:" prefix ("win:Start" -> "Start"); other names unchanged. */
    static String shortName(String name) {
        return name.startsWith("win:") ? name.substring(4) : name;
    }
}
