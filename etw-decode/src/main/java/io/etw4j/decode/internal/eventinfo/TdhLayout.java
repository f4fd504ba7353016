package io.etw4j.decode.internal.eventinfo;

/**
 * Offsets, sizes and constants of the tdh.h structures that describe an event (Windows SDK 10.0.x tdh.h:
 * TRACE_EVENT_INFO, EVENT_PROPERTY_INFO, EVENT_MAP_INFO, EVENT_MAP_ENTRY, PROPERTY_FLAGS, MAP_FLAGS, DECODING_SOURCE),
 * for the layout Windows x64 gives them. The same in 32-bit processes: no member is a pointer. Every offset is the
 * natural-alignment offset of the header's field list, asserted against the JNA structures of {@code internal.tdh}
 * by {@code TdhLayoutTest}.
 */
public final class TdhLayout {
    private TdhLayout() {
    }

    // TRACE_EVENT_INFO (tdh.h)
    /** ProviderGuid, GUID. */
    public static final int TEI_PROVIDER_GUID = 0;
    /** EventGuid, GUID (the MOF event-class GUID for DecodingSourceWbem). */
    public static final int TEI_EVENT_GUID = 16;
    /** EventDescriptor, EVENT_DESCRIPTOR (evntprov.h: Id u16, Version u8, Channel u8, Level u8, Opcode u8, Task u16, Keyword u64). */
    public static final int TEI_EVENT_DESCRIPTOR = 32;
    /** DecodingSource, DECODING_SOURCE (a 4-byte enum). */
    public static final int TEI_DECODING_SOURCE = 48;
    /** ProviderNameOffset. */
    public static final int TEI_PROVIDER_NAME_OFFSET = 52;
    /** LevelNameOffset. */
    public static final int TEI_LEVEL_NAME_OFFSET = 56;
    /** ChannelNameOffset. */
    public static final int TEI_CHANNEL_NAME_OFFSET = 60;
    /** KeywordsNameOffset: a list of NUL-terminated names ended by an empty one. */
    public static final int TEI_KEYWORDS_NAME_OFFSET = 64;
    /** TaskNameOffset. */
    public static final int TEI_TASK_NAME_OFFSET = 68;
    /** OpcodeNameOffset. */
    public static final int TEI_OPCODE_NAME_OFFSET = 72;
    /** EventMessageOffset. */
    public static final int TEI_EVENT_MESSAGE_OFFSET = 76;
    /** ProviderMessageOffset. */
    public static final int TEI_PROVIDER_MESSAGE_OFFSET = 80;
    /** BinaryXMLOffset. */
    public static final int TEI_BINARY_XML_OFFSET = 84;
    /** BinaryXMLSize. */
    public static final int TEI_BINARY_XML_SIZE = 88;
    /** Union EventNameOffset / ActivityIDNameOffset (Windows 10 and later fill EventNameOffset). */
    public static final int TEI_EVENT_NAME_OFFSET = 92;
    /** Union EventAttributesOffset / RelatedActivityIDNameOffset. */
    public static final int TEI_EVENT_ATTRIBUTES_OFFSET = 96;
    /** PropertyCount: entries of EventPropertyInfoArray (top-level properties and struct members). */
    public static final int TEI_PROPERTY_COUNT = 100;
    /** TopLevelPropertyCount: the first entries of the array are the top-level properties. */
    public static final int TEI_TOP_LEVEL_PROPERTY_COUNT = 104;
    /** Union Flags (TEMPLATE_FLAGS) / {Reserved:16, Tags:28}. */
    public static final int TEI_FLAGS = 108;
    /** EventPropertyInfoArray[ANYSIZE_ARRAY]. */
    public static final int TEI_PROPERTY_ARRAY = 112;
    /** sizeof(TRACE_EVENT_INFO): the header plus one EVENT_PROPERTY_INFO. */
    public static final int TEI_SIZE = 136;

    // EVENT_PROPERTY_INFO (tdh.h)
    /** Flags, PROPERTY_FLAGS. */
    public static final int EPI_FLAGS = 0;
    /** NameOffset (from the start of TRACE_EVENT_INFO). */
    public static final int EPI_NAME_OFFSET = 4;
    /** nonStructType.InType / structType.StructStartIndex, USHORT. */
    public static final int EPI_IN_TYPE = 8;
    /** nonStructType.OutType / structType.NumOfStructMembers, USHORT. */
    public static final int EPI_OUT_TYPE = 10;
    /** nonStructType.MapNameOffset / customSchemaType.CustomSchemaOffset, ULONG. */
    public static final int EPI_MAP_NAME_OFFSET = 12;
    /** Union count / countPropertyIndex, USHORT. */
    public static final int EPI_COUNT = 16;
    /** Union length / lengthPropertyIndex, USHORT. */
    public static final int EPI_LENGTH = 18;
    /** Union Reserved / Tags:28. */
    public static final int EPI_RESERVED = 20;
    /** sizeof(EVENT_PROPERTY_INFO). */
    public static final int EPI_SIZE = 24;

    // EVENT_MAP_INFO (tdh.h)
    /** NameOffset (from the start of EVENT_MAP_INFO). */
    public static final int EMI_NAME_OFFSET = 0;
    /** Flag, MAP_FLAGS. */
    public static final int EMI_FLAG = 4;
    /** EntryCount. */
    public static final int EMI_ENTRY_COUNT = 8;
    /** Union MapEntryValueType (MAP_VALUETYPE) / FormatStringOffset. */
    public static final int EMI_VALUE_TYPE = 12;
    /** MapEntryArray[ANYSIZE_ARRAY]. */
    public static final int EMI_ENTRY_ARRAY = 16;
    /** sizeof(EVENT_MAP_INFO): the header plus one EVENT_MAP_ENTRY. */
    public static final int EMI_SIZE = 24;
    /** EVENT_MAP_ENTRY.OutputOffset (from the start of EVENT_MAP_INFO). */
    public static final int EME_OUTPUT_OFFSET = 0;
    /** EVENT_MAP_ENTRY union Value / InputOffset. */
    public static final int EME_VALUE = 4;
    /** sizeof(EVENT_MAP_ENTRY). */
    public static final int EME_SIZE = 8;

    // PROPERTY_FLAGS (tdh.h)
    /** PropertyStruct: structType applies. */
    public static final int PROPERTY_STRUCT = 0x1;
    /** PropertyParamLength: length is lengthPropertyIndex. */
    public static final int PROPERTY_PARAM_LENGTH = 0x2;
    /** PropertyParamCount: count is countPropertyIndex. */
    public static final int PROPERTY_PARAM_COUNT = 0x4;
    /** PropertyWBEMXmlFragment. */
    public static final int PROPERTY_WBEM_XML_FRAGMENT = 0x8;
    /** PropertyParamFixedLength: the length is fixed (even when 0). */
    public static final int PROPERTY_PARAM_FIXED_LENGTH = 0x10;
    /** PropertyParamFixedCount: the count is fixed (an array even when 1). */
    public static final int PROPERTY_PARAM_FIXED_COUNT = 0x20;
    /** PropertyHasTags. */
    public static final int PROPERTY_HAS_TAGS = 0x40;
    /** PropertyHasCustomSchema: customSchemaType applies (InType there is a fallback such as BINARY). */
    public static final int PROPERTY_HAS_CUSTOM_SCHEMA = 0x80;

    // MAP_FLAGS (tdh.h)
    /** EVENTMAP_INFO_FLAG_MANIFEST_VALUEMAP. */
    public static final int MAP_MANIFEST_VALUEMAP = 0x1;
    /** EVENTMAP_INFO_FLAG_MANIFEST_BITMAP. */
    public static final int MAP_MANIFEST_BITMAP = 0x2;
    /** EVENTMAP_INFO_FLAG_MANIFEST_PATTERNMAP. */
    public static final int MAP_MANIFEST_PATTERNMAP = 0x4;
    /** EVENTMAP_INFO_FLAG_WBEM_VALUEMAP. */
    public static final int MAP_WBEM_VALUEMAP = 0x8;
    /** EVENTMAP_INFO_FLAG_WBEM_BITMAP. */
    public static final int MAP_WBEM_BITMAP = 0x10;
    /** EVENTMAP_INFO_FLAG_WBEM_FLAG. */
    public static final int MAP_WBEM_FLAG = 0x20;
    /** EVENTMAP_INFO_FLAG_WBEM_NO_MAP: entry i names the value i. */
    public static final int MAP_WBEM_NO_MAP = 0x40;
    /** EVENTMAP_ENTRY_VALUETYPE_ULONG (MAP_VALUETYPE). */
    public static final int MAP_VALUETYPE_ULONG = 0;
    /** EVENTMAP_ENTRY_VALUETYPE_STRING (MAP_VALUETYPE). */
    public static final int MAP_VALUETYPE_STRING = 1;

    // DECODING_SOURCE (tdh.h)
    /** DecodingSourceXMLFile: an instrumentation manifest. */
    public static final int DECODING_SOURCE_XML_FILE = 0;
    /** DecodingSourceWbem: a classic (MOF) class. */
    public static final int DECODING_SOURCE_WBEM = 1;
    /** DecodingSourceWPP. */
    public static final int DECODING_SOURCE_WPP = 2;
    /** DecodingSourceTlg: TraceLogging. */
    public static final int DECODING_SOURCE_TLG = 3;
}
