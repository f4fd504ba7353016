package io.etw4j.decode.internal.tdh;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.internal.win32.EtwStructures.EVENT_HEADER_EXTENDED_DATA_ITEM;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_RECORD;
import io.etw4j.decode.internal.eventinfo.TdhLayout;
import io.etw4j.decode.internal.tdh.TdhStructures.EVENT_MAP_ENTRY;
import io.etw4j.decode.internal.tdh.TdhStructures.EVENT_MAP_INFO;
import io.etw4j.decode.internal.tdh.TdhStructures.EVENT_PROPERTY_INFO;
import io.etw4j.decode.internal.tdh.TdhStructures.TRACE_EVENT_INFO;
import org.junit.jupiter.api.Test;

/**
 * tdh.h structures against the Windows x64 layout (literal numbers: the tdh.h field lists with natural alignment;
 * every member is 2, 4 or 8 bytes or a GUID, so x86 and x64 agree), the JNA structures against those numbers, and
 * the parser's constants ({@link TdhLayout}) against the JNA offsets; plus the EVENT_RECORD offsets
 * {@link NativeEventRecord} writes its items at against etw-core's structures.
 */
class TdhLayoutTest {

    @Test
    void traceEventInfo() {
        TRACE_EVENT_INFO s = new TRACE_EVENT_INFO();
        assertThat(s.size()).isEqualTo(136).isEqualTo(TdhLayout.TEI_SIZE);
        String[] fields = {"ProviderGuid", "EventGuid", "EventDescriptor", "DecodingSource", "ProviderNameOffset",
            "LevelNameOffset", "ChannelNameOffset", "KeywordsNameOffset", "TaskNameOffset", "OpcodeNameOffset",
            "EventMessageOffset", "ProviderMessageOffset", "BinaryXMLOffset", "BinaryXMLSize", "EventNameOffset",
            "EventAttributesOffset", "PropertyCount", "TopLevelPropertyCount", "Flags", "EventPropertyInfoArray"};
        int[] sdk = {0, 16, 32, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88, 92, 96, 100, 104, 108, 112};
        int[] parser = {TdhLayout.TEI_PROVIDER_GUID, TdhLayout.TEI_EVENT_GUID, TdhLayout.TEI_EVENT_DESCRIPTOR,
            TdhLayout.TEI_DECODING_SOURCE, TdhLayout.TEI_PROVIDER_NAME_OFFSET, TdhLayout.TEI_LEVEL_NAME_OFFSET,
            TdhLayout.TEI_CHANNEL_NAME_OFFSET, TdhLayout.TEI_KEYWORDS_NAME_OFFSET, TdhLayout.TEI_TASK_NAME_OFFSET,
            TdhLayout.TEI_OPCODE_NAME_OFFSET, TdhLayout.TEI_EVENT_MESSAGE_OFFSET,
            TdhLayout.TEI_PROVIDER_MESSAGE_OFFSET, TdhLayout.TEI_BINARY_XML_OFFSET, TdhLayout.TEI_BINARY_XML_SIZE,
            TdhLayout.TEI_EVENT_NAME_OFFSET, TdhLayout.TEI_EVENT_ATTRIBUTES_OFFSET, TdhLayout.TEI_PROPERTY_COUNT,
            TdhLayout.TEI_TOP_LEVEL_PROPERTY_COUNT, TdhLayout.TEI_FLAGS, TdhLayout.TEI_PROPERTY_ARRAY};
        for (int i = 0; i < fields.length; i++) {
            assertThat(s.offsetOf(fields[i])).as(fields[i]).isEqualTo(sdk[i]).isEqualTo(parser[i]);
        }
    }

    @Test
    void eventPropertyInfo() {
        EVENT_PROPERTY_INFO s = new EVENT_PROPERTY_INFO();
        assertThat(s.size()).isEqualTo(24).isEqualTo(TdhLayout.EPI_SIZE);
        String[] fields = {"Flags", "NameOffset", "InType", "OutType", "MapNameOffset", "count", "length",
            "Reserved"};
        int[] sdk = {0, 4, 8, 10, 12, 16, 18, 20};
        int[] parser = {TdhLayout.EPI_FLAGS, TdhLayout.EPI_NAME_OFFSET, TdhLayout.EPI_IN_TYPE, TdhLayout.EPI_OUT_TYPE,
            TdhLayout.EPI_MAP_NAME_OFFSET, TdhLayout.EPI_COUNT, TdhLayout.EPI_LENGTH, TdhLayout.EPI_RESERVED};
        for (int i = 0; i < fields.length; i++) {
            assertThat(s.offsetOf(fields[i])).as(fields[i]).isEqualTo(sdk[i]).isEqualTo(parser[i]);
        }
    }

    @Test
    void eventMapInfoAndEntry() {
        EVENT_MAP_INFO m = new EVENT_MAP_INFO();
        assertThat(m.size()).isEqualTo(24).isEqualTo(TdhLayout.EMI_SIZE);
        assertThat(m.offsetOf("NameOffset")).isEqualTo(0).isEqualTo(TdhLayout.EMI_NAME_OFFSET);
        assertThat(m.offsetOf("Flag")).isEqualTo(4).isEqualTo(TdhLayout.EMI_FLAG);
        assertThat(m.offsetOf("EntryCount")).isEqualTo(8).isEqualTo(TdhLayout.EMI_ENTRY_COUNT);
        assertThat(m.offsetOf("MapEntryValueType")).isEqualTo(12).isEqualTo(TdhLayout.EMI_VALUE_TYPE);
        assertThat(m.offsetOf("MapEntryArray")).isEqualTo(16).isEqualTo(TdhLayout.EMI_ENTRY_ARRAY);
        EVENT_MAP_ENTRY e = new EVENT_MAP_ENTRY();
        assertThat(e.size()).isEqualTo(8).isEqualTo(TdhLayout.EME_SIZE);
        assertThat(e.offsetOf("OutputOffset")).isEqualTo(0).isEqualTo(TdhLayout.EME_OUTPUT_OFFSET);
        assertThat(e.offsetOf("Value")).isEqualTo(4).isEqualTo(TdhLayout.EME_VALUE);
    }

    @Test
    void nativeEventRecordOffsets() {
        assertThat(new EVENT_RECORD().size()).isEqualTo(0x70).isEqualTo(NativeEventRecord.EVENT_RECORD_SIZE);
        EVENT_HEADER_EXTENDED_DATA_ITEM item = new EVENT_HEADER_EXTENDED_DATA_ITEM();
        assertThat(item.size()).isEqualTo(0x10).isEqualTo(NativeEventRecord.EXTENDED_ITEM_SIZE);
        assertThat(item.offsetOf("ExtType")).isEqualTo(2).isEqualTo(NativeEventRecord.ITEM_EXT_TYPE);
        assertThat(item.offsetOf("DataSize")).isEqualTo(6).isEqualTo(NativeEventRecord.ITEM_DATA_SIZE);
        assertThat(item.offsetOf("DataPtr")).isEqualTo(8).isEqualTo(NativeEventRecord.ITEM_DATA_PTR);
    }

    @Test
    void loaderRefusesOtherSystemsWithATypedError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TdhLoader.load(false))
                .isInstanceOf(io.etw4j.core.UnsupportedPlatformException.class).hasMessageContaining("tdh.dll");
    }
}
