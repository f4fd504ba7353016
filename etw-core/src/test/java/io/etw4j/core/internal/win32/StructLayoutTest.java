package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Callback;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.WString;
import io.etw4j.core.internal.win32.EtwStructures.ENABLE_TRACE_PARAMETERS;
import io.etw4j.core.internal.win32.EtwStructures.ETW_BUFFER_CONTEXT;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_DESCRIPTOR;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_FILTER_DESCRIPTOR;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_HEADER;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_HEADER_EXTENDED_DATA_ITEM;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_RECORD;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_HEADER;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_LOGFILEW;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_PROPERTIES;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import io.etw4j.core.internal.win32.EtwStructures.PROVIDER_ENUMERATION_INFO;
import io.etw4j.core.internal.win32.EtwStructures.SYSTEMTIME;
import io.etw4j.core.internal.win32.EtwStructures.TIME_ZONE_INFORMATION;
import io.etw4j.core.internal.win32.EtwStructures.TRACE_ENABLE_INFO;
import io.etw4j.core.internal.win32.EtwStructures.TRACE_GUID_INFO;
import io.etw4j.core.internal.win32.EtwStructures.TRACE_LOGFILE_HEADER;
import io.etw4j.core.internal.win32.EtwStructures.TRACE_PROVIDER_INFO;
import io.etw4j.core.internal.win32.EtwStructures.TRACE_PROVIDER_INSTANCE_INFO;
import io.etw4j.core.internal.win32.EtwStructures.WNODE_HEADER;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ETW structure's size and every field offset against the Windows x64 SDK layout. Expected values: the SDK
 * headers (guiddef.h, minwinbase.h, timezoneapi.h, wmistr.h, evntrace.h, evntcons.h, evntprov.h as copied in
 * trcrsired/windows-msvc-sysroot include/) laid out with MSVC x64 alignment, as tabulated with sources in
 * ../shared/notes/windows-etw-layouts.md §2 (section given per structure). The expectations are literal numbers
 * from those sources, not computed from the classes under test.
 */
class StructLayoutTest {

    /** One structure: its class, a factory, the x64 size and every field's x64 offset, in declaration order. */
    record Layout(Class<? extends WinStructure> type, Supplier<WinStructure> factory, int size,
            Map<String, Integer> offsets) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    private static Map<String, Integer> offsets(Object... nameOffsetPairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nameOffsetPairs.length; i += 2) {
            m.put((String) nameOffsetPairs[i], (Integer) nameOffsetPairs[i + 1]);
        }
        return m;
    }

    static Stream<Layout> layouts() {
        return Stream.of(
                // guiddef.h GUID
                new Layout(GUID.class, GUID::new, 0x10,
                        offsets("Data1", 0x0, "Data2", 0x4, "Data3", 0x6, "Data4", 0x8)),
                // minwinbase.h SYSTEMTIME
                new Layout(SYSTEMTIME.class, SYSTEMTIME::new, 0x10,
                        offsets("wYear", 0x0, "wMonth", 0x2, "wDayOfWeek", 0x4, "wDay", 0x6, "wHour", 0x8,
                                "wMinute", 0xA, "wSecond", 0xC, "wMilliseconds", 0xE)),
                // timezoneapi.h TIME_ZONE_INFORMATION (notes §2.4)
                new Layout(TIME_ZONE_INFORMATION.class, TIME_ZONE_INFORMATION::new, 0xAC,
                        offsets("Bias", 0x0, "StandardName", 0x4, "StandardDate", 0x44, "StandardBias", 0x54,
                                "DaylightName", 0x58, "DaylightDate", 0x98, "DaylightBias", 0xA8)),
                // wmistr.h WNODE_HEADER (notes §2.1)
                new Layout(WNODE_HEADER.class, WNODE_HEADER::new, 0x30,
                        offsets("BufferSize", 0x0, "ProviderId", 0x4, "HistoricalContext", 0x8,
                                "TimeStamp", 0x10, "Guid", 0x18, "ClientContext", 0x28, "Flags", 0x2C)),
                // evntrace.h EVENT_TRACE_PROPERTIES (notes §2.2)
                new Layout(EVENT_TRACE_PROPERTIES.class, EVENT_TRACE_PROPERTIES::new, 0x78,
                        offsets("Wnode", 0x0, "BufferSize", 0x30, "MinimumBuffers", 0x34, "MaximumBuffers", 0x38,
                                "MaximumFileSize", 0x3C, "LogFileMode", 0x40, "FlushTimer", 0x44,
                                "EnableFlags", 0x48, "AgeLimit", 0x4C, "NumberOfBuffers", 0x50,
                                "FreeBuffers", 0x54, "EventsLost", 0x58, "BuffersWritten", 0x5C,
                                "LogBuffersLost", 0x60, "RealTimeBuffersLost", 0x64, "LoggerThreadId", 0x68,
                                "LogFileNameOffset", 0x70, "LoggerNameOffset", 0x74)),
                // evntrace.h EVENT_TRACE_HEADER (notes §2.10)
                new Layout(EVENT_TRACE_HEADER.class, EVENT_TRACE_HEADER::new, 0x30,
                        offsets("Size", 0x0, "FieldTypeFlags", 0x2, "Version", 0x4, "ThreadId", 0x8,
                                "ProcessId", 0xC, "TimeStamp", 0x10, "Guid", 0x18, "ProcessorTime", 0x28)),
                // evntrace.h EVENT_TRACE (notes §2.10)
                new Layout(EVENT_TRACE.class, EVENT_TRACE::new, 0x58,
                        offsets("Header", 0x0, "InstanceId", 0x30, "ParentInstanceId", 0x34,
                                "ParentGuid", 0x38, "MofData", 0x48, "MofLength", 0x50, "ClientContext", 0x54)),
                // evntrace.h TRACE_LOGFILE_HEADER, 64-bit form (notes §2.4)
                new Layout(TRACE_LOGFILE_HEADER.class, TRACE_LOGFILE_HEADER::new, 0x118,
                        offsets("BufferSize", 0x0, "Version", 0x4, "ProviderVersion", 0x8,
                                "NumberOfProcessors", 0xC, "EndTime", 0x10, "TimerResolution", 0x18,
                                "MaximumFileSize", 0x1C, "LogFileMode", 0x20, "BuffersWritten", 0x24,
                                "StartBuffers", 0x28, "PointerSize", 0x2C, "EventsLost", 0x30,
                                "CpuSpeedInMHz", 0x34, "LoggerName", 0x38, "LogFileName", 0x40,
                                "TimeZone", 0x48, "BootTime", 0xF8, "PerfFreq", 0x100, "StartTime", 0x108,
                                "ReservedFlags", 0x110, "BuffersLost", 0x114)),
                // evntrace.h EVENT_TRACE_LOGFILEW (notes §2.3)
                new Layout(EVENT_TRACE_LOGFILEW.class, EVENT_TRACE_LOGFILEW::new, 0x1C0,
                        offsets("LogFileName", 0x0, "LoggerName", 0x8, "CurrentTime", 0x10, "BuffersRead", 0x18,
                                "ProcessTraceMode", 0x1C, "CurrentEvent", 0x20, "LogfileHeader", 0x78,
                                "BufferCallback", 0x190, "BufferSize", 0x198, "Filled", 0x19C,
                                "EventsLost", 0x1A0, "EventRecordCallback", 0x1A8, "IsKernelTrace", 0x1B0,
                                "Context", 0x1B8)),
                // evntprov.h EVENT_DESCRIPTOR (notes §2.6)
                new Layout(EVENT_DESCRIPTOR.class, EVENT_DESCRIPTOR::new, 0x10,
                        offsets("Id", 0x0, "Version", 0x2, "Channel", 0x3, "Level", 0x4, "Opcode", 0x5,
                                "Task", 0x6, "Keyword", 0x8)),
                // evntcons.h EVENT_HEADER (notes §2.5)
                new Layout(EVENT_HEADER.class, EVENT_HEADER::new, 0x50,
                        offsets("Size", 0x0, "HeaderType", 0x2, "Flags", 0x4, "EventProperty", 0x6,
                                "ThreadId", 0x8, "ProcessId", 0xC, "TimeStamp", 0x10, "ProviderId", 0x18,
                                "EventDescriptor", 0x28, "KernelTime", 0x38, "UserTime", 0x3C,
                                "ActivityId", 0x40)),
                // evntrace.h ETW_BUFFER_CONTEXT (notes §2.8)
                new Layout(ETW_BUFFER_CONTEXT.class, ETW_BUFFER_CONTEXT::new, 0x4,
                        offsets("ProcessorNumber", 0x0, "Alignment", 0x1, "LoggerId", 0x2)),
                // evntcons.h EVENT_RECORD (notes §2.7)
                new Layout(EVENT_RECORD.class, EVENT_RECORD::new, 0x70,
                        offsets("EventHeader", 0x0, "BufferContext", 0x50, "ExtendedDataCount", 0x54,
                                "UserDataLength", 0x56, "ExtendedData", 0x58, "UserData", 0x60,
                                "UserContext", 0x68)),
                // evntcons.h EVENT_HEADER_EXTENDED_DATA_ITEM (notes §2.9)
                new Layout(EVENT_HEADER_EXTENDED_DATA_ITEM.class, EVENT_HEADER_EXTENDED_DATA_ITEM::new, 0x10,
                        offsets("Reserved1", 0x0, "ExtType", 0x2, "Linkage", 0x4, "DataSize", 0x6,
                                "DataPtr", 0x8)),
                // evntrace.h ENABLE_TRACE_PARAMETERS (notes §2.10)
                new Layout(ENABLE_TRACE_PARAMETERS.class, ENABLE_TRACE_PARAMETERS::new, 0x30,
                        offsets("Version", 0x0, "EnableProperty", 0x4, "ControlFlags", 0x8, "SourceId", 0xC,
                                "EnableFilterDesc", 0x20, "FilterDescCount", 0x28)),
                // evntprov.h EVENT_FILTER_DESCRIPTOR (notes §2.10)
                new Layout(EVENT_FILTER_DESCRIPTOR.class, EVENT_FILTER_DESCRIPTOR::new, 0x10,
                        offsets("Ptr", 0x0, "Size", 0x8, "Type", 0xC)),
                // evntrace.h TRACE_GUID_INFO {ULONG InstanceCount; ULONG Reserved;}
                new Layout(TRACE_GUID_INFO.class, TRACE_GUID_INFO::new, 0x8,
                        offsets("InstanceCount", 0x0, "Reserved", 0x4)),
                // evntrace.h TRACE_PROVIDER_INSTANCE_INFO {ULONG NextOffset, EnableCount, Pid, Flags;}
                new Layout(TRACE_PROVIDER_INSTANCE_INFO.class, TRACE_PROVIDER_INSTANCE_INFO::new, 0x10,
                        offsets("NextOffset", 0x0, "EnableCount", 0x4, "Pid", 0x8, "Flags", 0xC)),
                // evntrace.h TRACE_ENABLE_INFO {ULONG IsEnabled; UCHAR Level; UCHAR Reserved1; USHORT LoggerId;
                // ULONG EnableProperty; ULONG Reserved2; ULONGLONG MatchAnyKeyword; ULONGLONG MatchAllKeyword;};
                // a PDB-derived dump of the same struct (ntoskrnl symbols) also gives size 0x20 and these offsets
                new Layout(TRACE_ENABLE_INFO.class, TRACE_ENABLE_INFO::new, 0x20,
                        offsets("IsEnabled", 0x0, "Level", 0x4, "Reserved1", 0x5, "LoggerId", 0x6,
                                "EnableProperty", 0x8, "Reserved2", 0xC, "MatchAnyKeyword", 0x10,
                                "MatchAllKeyword", 0x18)),
                // tdh.h PROVIDER_ENUMERATION_INFO {ULONG NumberOfProviders; ULONG Reserved;
                // TRACE_PROVIDER_INFO TraceProviderInfoArray[ANYSIZE_ARRAY];}: the head before the array, whose
                // element alignment (4, a GUID's) puts it at 0x8 (learn.microsoft.com "PROVIDER_ENUMERATION_INFO
                // structure (tdh.h)"; the same fields in the SDK's Tdh.h and in wine-mirror/wine include/tdh.h)
                new Layout(PROVIDER_ENUMERATION_INFO.class, PROVIDER_ENUMERATION_INFO::new, 0x8,
                        offsets("NumberOfProviders", 0x0, "Reserved", 0x4)),
                // tdh.h TRACE_PROVIDER_INFO {GUID ProviderGuid; ULONG SchemaSource; ULONG ProviderNameOffset;}:
                // 16 + 4 + 4 bytes, no padding (learn.microsoft.com "TRACE_PROVIDER_INFO structure (tdh.h)")
                new Layout(TRACE_PROVIDER_INFO.class, TRACE_PROVIDER_INFO::new, 0x18,
                        offsets("ProviderGuid", 0x0, "SchemaSource", 0x10, "ProviderNameOffset", 0x14)));
    }

    static Stream<Arguments> layoutArguments() {
        return layouts().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutArguments")
    void sizeMatchesWindowsX64(Layout layout) {
        assertThat(layout.factory().get().size()).as("sizeof(%s)", layout).isEqualTo(layout.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutArguments")
    void everyFieldOffsetMatchesWindowsX64(Layout layout) {
        WinStructure s = layout.factory().get();
        List<String> declared = Arrays.asList(layout.type().getAnnotation(FieldOrder.class).value());
        assertThat(declared).as("fields of %s (all checked, in SDK order)", layout)
                .containsExactlyElementsOf(layout.offsets().keySet());
        for (Map.Entry<String, Integer> e : layout.offsets().entrySet()) {
            assertThat(s.offsetOf(e.getKey())).as("offsetof(%s, %s)", layout, e.getKey()).isEqualTo(e.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutArguments")
    void usesOnlyTypesWithTheSameSizeOnWindowsAndLinux(Layout layout) {
        assertThat(linuxSizedFields(layout.type())).as("fields whose Java type has a Linux-specific size")
                .isEmpty();
    }

    @Test
    void traceGuidInfoReaderOffsetsEqualTheStructureOffsets() {
        TRACE_GUID_INFO info = new TRACE_GUID_INFO();
        TRACE_PROVIDER_INSTANCE_INFO instance = new TRACE_PROVIDER_INSTANCE_INFO();
        TRACE_ENABLE_INFO enable = new TRACE_ENABLE_INFO();
        assertThat(TraceGuidInfoReader.GUID_INFO_SIZE).isEqualTo(info.size());
        assertThat(TraceGuidInfoReader.GUID_INFO_INSTANCE_COUNT).isEqualTo(info.offsetOf("InstanceCount"));
        assertThat(TraceGuidInfoReader.INSTANCE_SIZE).isEqualTo(instance.size());
        assertThat(TraceGuidInfoReader.INSTANCE_NEXT_OFFSET).isEqualTo(instance.offsetOf("NextOffset"));
        assertThat(TraceGuidInfoReader.INSTANCE_ENABLE_COUNT).isEqualTo(instance.offsetOf("EnableCount"));
        assertThat(TraceGuidInfoReader.INSTANCE_PID).isEqualTo(instance.offsetOf("Pid"));
        assertThat(TraceGuidInfoReader.INSTANCE_FLAGS).isEqualTo(instance.offsetOf("Flags"));
        assertThat(TraceGuidInfoReader.ENABLE_SIZE).isEqualTo(enable.size());
        assertThat(TraceGuidInfoReader.ENABLE_IS_ENABLED).isEqualTo(enable.offsetOf("IsEnabled"));
        assertThat(TraceGuidInfoReader.ENABLE_LEVEL).isEqualTo(enable.offsetOf("Level"));
        assertThat(TraceGuidInfoReader.ENABLE_LOGGER_ID).isEqualTo(enable.offsetOf("LoggerId"));
        assertThat(TraceGuidInfoReader.ENABLE_ENABLE_PROPERTY).isEqualTo(enable.offsetOf("EnableProperty"));
        assertThat(TraceGuidInfoReader.ENABLE_MATCH_ANY).isEqualTo(enable.offsetOf("MatchAnyKeyword"));
        assertThat(TraceGuidInfoReader.ENABLE_MATCH_ALL).isEqualTo(enable.offsetOf("MatchAllKeyword"));
    }

    @Test
    void providerEnumerationReaderOffsetsEqualTheStructureOffsets() {
        PROVIDER_ENUMERATION_INFO head = new PROVIDER_ENUMERATION_INFO();
        TRACE_PROVIDER_INFO info = new TRACE_PROVIDER_INFO();
        assertThat(ProviderEnumerationReader.HEAD_SIZE).isEqualTo(head.size());
        assertThat(ProviderEnumerationReader.HEAD_NUMBER_OF_PROVIDERS).isEqualTo(head.offsetOf("NumberOfProviders"));
        assertThat(ProviderEnumerationReader.INFO_SIZE).isEqualTo(info.size());
        assertThat(ProviderEnumerationReader.INFO_PROVIDER_GUID).isEqualTo(info.offsetOf("ProviderGuid"));
        assertThat(ProviderEnumerationReader.INFO_SCHEMA_SOURCE).isEqualTo(info.offsetOf("SchemaSource"));
        assertThat(ProviderEnumerationReader.INFO_PROVIDER_NAME_OFFSET)
                .isEqualTo(info.offsetOf("ProviderNameOffset"));
    }

    @Test
    void copierOffsetsEqualTheStructureOffsets() {
        EVENT_RECORD record = new EVENT_RECORD();
        EVENT_HEADER header = new EVENT_HEADER();
        EVENT_DESCRIPTOR descriptor = new EVENT_DESCRIPTOR();
        EVENT_HEADER_EXTENDED_DATA_ITEM item = new EVENT_HEADER_EXTENDED_DATA_ITEM();

        assertThat(EventRecordLayout.OFF_HEADER_SIZE).isEqualTo(header.offsetOf("Size"));
        assertThat(EventRecordLayout.OFF_HEADER_TYPE).isEqualTo(header.offsetOf("HeaderType"));
        assertThat(EventRecordLayout.OFF_FLAGS).isEqualTo(header.offsetOf("Flags"));
        assertThat(EventRecordLayout.OFF_EVENT_PROPERTY).isEqualTo(header.offsetOf("EventProperty"));
        assertThat(EventRecordLayout.OFF_THREAD_ID).isEqualTo(header.offsetOf("ThreadId"));
        assertThat(EventRecordLayout.OFF_PROCESS_ID).isEqualTo(header.offsetOf("ProcessId"));
        assertThat(EventRecordLayout.OFF_TIMESTAMP).isEqualTo(header.offsetOf("TimeStamp"));
        assertThat(EventRecordLayout.OFF_PROVIDER_ID).isEqualTo(header.offsetOf("ProviderId"));
        assertThat(EventRecordLayout.OFF_DESCRIPTOR).isEqualTo(header.offsetOf("EventDescriptor"));
        assertThat(EventRecordLayout.OFF_ACTIVITY_ID).isEqualTo(header.offsetOf("ActivityId"));
        assertThat(record.offsetOf("EventHeader")).isZero();

        assertThat(EventRecordLayout.DESC_ID).isEqualTo(descriptor.offsetOf("Id"));
        assertThat(EventRecordLayout.DESC_VERSION).isEqualTo(descriptor.offsetOf("Version"));
        assertThat(EventRecordLayout.DESC_CHANNEL).isEqualTo(descriptor.offsetOf("Channel"));
        assertThat(EventRecordLayout.DESC_LEVEL).isEqualTo(descriptor.offsetOf("Level"));
        assertThat(EventRecordLayout.DESC_OPCODE).isEqualTo(descriptor.offsetOf("Opcode"));
        assertThat(EventRecordLayout.DESC_TASK).isEqualTo(descriptor.offsetOf("Task"));
        assertThat(EventRecordLayout.DESC_KEYWORD).isEqualTo(descriptor.offsetOf("Keyword"));

        assertThat(EventRecordLayout.OFF_BUFFER_CONTEXT).isEqualTo(record.offsetOf("BufferContext"));
        assertThat(EventRecordLayout.OFF_EXTENDED_DATA_COUNT).isEqualTo(record.offsetOf("ExtendedDataCount"));
        assertThat(EventRecordLayout.OFF_USER_DATA_LENGTH).isEqualTo(record.offsetOf("UserDataLength"));
        assertThat(EventRecordLayout.OFF_EXTENDED_DATA).isEqualTo(record.offsetOf("ExtendedData"));
        assertThat(EventRecordLayout.OFF_USER_DATA).isEqualTo(record.offsetOf("UserData"));
        assertThat(EventRecordLayout.OFF_USER_CONTEXT).isEqualTo(record.offsetOf("UserContext"));
        assertThat(EventRecordLayout.EVENT_RECORD_SIZE).isEqualTo(record.size());

        assertThat(EventRecordLayout.ITEM_EXT_TYPE).isEqualTo(item.offsetOf("ExtType"));
        assertThat(EventRecordLayout.ITEM_DATA_SIZE).isEqualTo(item.offsetOf("DataSize"));
        assertThat(EventRecordLayout.ITEM_DATA_PTR).isEqualTo(item.offsetOf("DataPtr"));
        assertThat(EventRecordLayout.ITEM_SIZE).isEqualTo(item.size());
    }

    @Test
    void theTypeCheckRejectsLinuxSizedTypes() {
        assertThat(linuxSizedFields(BadStructure.class)).containsExactly(
                "BadStructure.wide: char", "BadStructure.name: com.sun.jna.WString",
                "BadStructure.ulong: com.sun.jna.NativeLong", "BadStructure.flag: boolean",
                "BadStructure.text: java.lang.String", "BadStructure.chars: [C");
    }

    @Test
    void theTypeCheckLooksIntoNestedStructures() {
        assertThat(linuxSizedFields(OuterWithBadNested.class)).containsExactly("BadStructure.wide: char",
                "BadStructure.name: com.sun.jna.WString", "BadStructure.ulong: com.sun.jna.NativeLong",
                "BadStructure.flag: boolean", "BadStructure.text: java.lang.String", "BadStructure.chars: [C");
    }

    /**
     * The fields (recursively through nested structures) whose type is not one of int, short, byte, long, Pointer,
     * byte[], a nested WinStructure or a JNA Callback.
     */
    static List<String> linuxSizedFields(Class<?> type) {
        List<String> bad = new ArrayList<>();
        FieldOrder order = type.getAnnotation(FieldOrder.class);
        assertThat(order).as("@FieldOrder on %s", type.getSimpleName()).isNotNull();
        for (String name : order.value()) {
            Field f;
            try {
                f = type.getField(name);
            } catch (NoSuchFieldException e) {
                throw new AssertionError(type.getSimpleName() + " has no public field " + name, e);
            }
            Class<?> t = f.getType();
            if (t == int.class || t == short.class || t == byte.class || t == long.class || t == Pointer.class
                    || t == byte[].class || Callback.class.isAssignableFrom(t)) {
                continue;
            }
            if (WinStructure.class.isAssignableFrom(t)) {
                bad.addAll(linuxSizedFields(t));
                continue;
            }
            bad.add(type.getSimpleName() + "." + name + ": " + t.getName());
        }
        return bad;
    }

    @FieldOrder({"ok", "wide", "name", "ulong", "flag", "text", "chars"})
    public static class BadStructure extends WinStructure {
        public int ok;
        public char wide;
        public WString name;
        public NativeLong ulong;
        public boolean flag;
        public String text;
        public char[] chars = new char[2];
    }

    @FieldOrder({"first", "nested"})
    public static class OuterWithBadNested extends WinStructure {
        public long first;
        public BadStructure nested;
    }
}
