package io.etw4j.decode.internal.tdh;

import com.sun.jna.Structure.FieldOrder;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_DESCRIPTOR;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import io.etw4j.core.internal.win32.WinStructure;

/**
 * The tdh.h structures (Windows SDK 10.0.x) as JNA structures with MSVC alignment, one nested class per C struct with
 * the SDK's field names and order. They are the reference that {@code TdhLayoutTest} checks the parser's offsets
 * ({@link io.etw4j.decode.internal.eventinfo.TdhLayout}) and the x64 sizes against; the parser itself reads bytes.
 * Unions are mapped as one member of the same size and alignment, named in the comment. Not thread-safe.
 */
public final class TdhStructures {
    private TdhStructures() {
    }

    /**
     * EVENT_PROPERTY_INFO (tdh.h): size 24. {@code InType}/{@code OutType}/{@code MapNameOffset} are the
     * nonStructType member of the union with structType {StructStartIndex u16, NumOfStructMembers u16, padding u32}
     * and customSchemaType {InType u16, OutType u16, CustomSchemaOffset u32}; {@code count} is the union with
     * countPropertyIndex, {@code length} with lengthPropertyIndex, {@code Reserved} with {Tags:28}.
     */
    @FieldOrder({"Flags", "NameOffset", "InType", "OutType", "MapNameOffset", "count", "length", "Reserved"})
    public static class EVENT_PROPERTY_INFO extends WinStructure {
        /** PROPERTY_FLAGS (enum: 4 bytes). */
        public int Flags;
        public int NameOffset;
        public short InType;
        public short OutType;
        public int MapNameOffset;
        public short count;
        public short length;
        public int Reserved;
    }

    /**
     * TRACE_EVENT_INFO (tdh.h): size 136 (112 bytes, then EventPropertyInfoArray[ANYSIZE_ARRAY], here one element).
     * {@code EventNameOffset} is the union with ActivityIDNameOffset, {@code EventAttributesOffset} with
     * RelatedActivityIDNameOffset, {@code Flags} (TEMPLATE_FLAGS) with {Reserved:16, Tags:28}.
     */
    @FieldOrder({"ProviderGuid", "EventGuid", "EventDescriptor", "DecodingSource", "ProviderNameOffset",
            "LevelNameOffset", "ChannelNameOffset", "KeywordsNameOffset", "TaskNameOffset", "OpcodeNameOffset",
            "EventMessageOffset", "ProviderMessageOffset", "BinaryXMLOffset", "BinaryXMLSize", "EventNameOffset",
            "EventAttributesOffset", "PropertyCount", "TopLevelPropertyCount", "Flags", "EventPropertyInfoArray"})
    public static class TRACE_EVENT_INFO extends WinStructure {
        public GUID ProviderGuid;
        public GUID EventGuid;
        public EVENT_DESCRIPTOR EventDescriptor;
        /** DECODING_SOURCE (enum: 4 bytes). */
        public int DecodingSource;
        public int ProviderNameOffset;
        public int LevelNameOffset;
        public int ChannelNameOffset;
        public int KeywordsNameOffset;
        public int TaskNameOffset;
        public int OpcodeNameOffset;
        public int EventMessageOffset;
        public int ProviderMessageOffset;
        public int BinaryXMLOffset;
        public int BinaryXMLSize;
        public int EventNameOffset;
        public int EventAttributesOffset;
        public int PropertyCount;
        public int TopLevelPropertyCount;
        public int Flags;
        public EVENT_PROPERTY_INFO[] EventPropertyInfoArray = new EVENT_PROPERTY_INFO[1];
    }

    /** EVENT_MAP_ENTRY (tdh.h): size 8. {@code Value} is the union with InputOffset. */
    @FieldOrder({"OutputOffset", "Value"})
    public static class EVENT_MAP_ENTRY extends WinStructure {
        public int OutputOffset;
        public int Value;
    }

    /**
     * EVENT_MAP_INFO (tdh.h): size 24 (16 bytes, then MapEntryArray[ANYSIZE_ARRAY], here one element).
     * {@code MapEntryValueType} (MAP_VALUETYPE) is the union with FormatStringOffset.
     */
    @FieldOrder({"NameOffset", "Flag", "EntryCount", "MapEntryValueType", "MapEntryArray"})
    public static class EVENT_MAP_INFO extends WinStructure {
        public int NameOffset;
        /** MAP_FLAGS (enum: 4 bytes). */
        public int Flag;
        public int EntryCount;
        public int MapEntryValueType;
        public EVENT_MAP_ENTRY[] MapEntryArray = new EVENT_MAP_ENTRY[1];
    }
}
