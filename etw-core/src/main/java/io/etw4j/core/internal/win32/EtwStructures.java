package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/**
 * The ETW structures of the Windows SDK (10.0.x: wmistr.h, evntrace.h, evntcons.h, evntprov.h, minwinbase.h,
 * timezoneapi.h; tdh.h for PROVIDER_ENUMERATION_INFO and TRACE_PROVIDER_INFO), mapped for Windows x64, one nested
 * class per C struct with the SDK's field names and order.
 *
 * <p>Sources: the Windows SDK headers (wmistr.h, evntrace.h, evntcons.h, evntprov.h; also published verbatim in
 * {@code trcrsired/windows-msvc-sysroot include/*.h}); every x64 size and offset is asserted by a test.
 *
 * <p>Unions: where every member of a union has the same size and alignment (e.g. LogFileMode/ProcessTraceMode), or
 * where the chosen member gives the same offset, size and alignment as the union, the union is mapped as that one
 * member and the other members are named in the field's comment. Bit fields are mapped as their storage unit.
 *
 * <p>Hot paths ({@link EventRecordCopier}) read EVENT_RECORD at constant offsets instead of through these classes;
 * the classes are the reference the constants are tested against and the shapes passed to advapi32.
 * Instances are not thread-safe.
 */
public final class EtwStructures {
    private EtwStructures() {
    }

    /** GUID (guiddef.h): Data1 u32, Data2 u16, Data3 u16, Data4[8]; size 0x10, alignment 4. */
    @FieldOrder({"Data1", "Data2", "Data3", "Data4"})
    public static class GUID extends WinStructure {
        public int Data1;
        public short Data2;
        public short Data3;
        public byte[] Data4 = new byte[8];

        public GUID() {
        }

        public GUID(Pointer p) {
            super(p);
        }
    }

    /** SYSTEMTIME (minwinbase.h): eight WORDs; size 0x10. */
    @FieldOrder({"wYear", "wMonth", "wDayOfWeek", "wDay", "wHour", "wMinute", "wSecond", "wMilliseconds"})
    public static class SYSTEMTIME extends WinStructure {
        public short wYear;
        public short wMonth;
        public short wDayOfWeek;
        public short wDay;
        public short wHour;
        public short wMinute;
        public short wSecond;
        public short wMilliseconds;
    }

    /**
     * TIME_ZONE_INFORMATION (timezoneapi.h): size 0xAC; the WCHAR[32] names are UTF-16LE byte arrays of 64 bytes.
     * Layout: evntrace.h TRACE_LOGFILE_HEADER (Bias@0, StandardName@4, StandardDate@0x44, StandardBias@0x54,
     * DaylightName@0x58, DaylightDate@0x98, DaylightBias@0xA8).
     */
    @FieldOrder({"Bias", "StandardName", "StandardDate", "StandardBias", "DaylightName", "DaylightDate",
            "DaylightBias"})
    public static class TIME_ZONE_INFORMATION extends WinStructure {
        public int Bias;
        /** WCHAR StandardName[32], as UTF-16LE bytes. */
        public byte[] StandardName = new byte[64];
        public SYSTEMTIME StandardDate;
        public int StandardBias;
        /** WCHAR DaylightName[32], as UTF-16LE bytes. */
        public byte[] DaylightName = new byte[64];
        public SYSTEMTIME DaylightDate;
        public int DaylightBias;
    }

    /**
     * WNODE_HEADER (wmistr.h): size 0x30 (the SDK headers named here). {@code HistoricalContext} is the union with
     * {Version, Linkage}; on return from StartTraceW it holds the session handle. {@code TimeStamp} is the union with
     * CountLost (ULONG) and KernelHandle (HANDLE). {@code ClientContext} selects the clock ({@link
     * Advapi32#WNODE_CLOCK_QPC} etc.).
     */
    @FieldOrder({"BufferSize", "ProviderId", "HistoricalContext", "TimeStamp", "Guid", "ClientContext", "Flags"})
    public static class WNODE_HEADER extends WinStructure {
        public int BufferSize;
        public int ProviderId;
        public long HistoricalContext;
        public long TimeStamp;
        public GUID Guid;
        public int ClientContext;
        public int Flags;
    }

    /**
     * EVENT_TRACE_PROPERTIES (evntrace.h), version 1: size 0x78 (the SDK headers named here). The logger name and log
     * file name follow the structure in the same allocation, at LoggerNameOffset / LogFileNameOffset; use
     * {@link TracePropertiesBuffer} to allocate it. {@code AgeLimit} is the union with FlushThreshold.
     */
    @FieldOrder({"Wnode", "BufferSize", "MinimumBuffers", "MaximumBuffers", "MaximumFileSize", "LogFileMode",
            "FlushTimer", "EnableFlags", "AgeLimit", "NumberOfBuffers", "FreeBuffers", "EventsLost",
            "BuffersWritten", "LogBuffersLost", "RealTimeBuffersLost", "LoggerThreadId", "LogFileNameOffset",
            "LoggerNameOffset"})
    public static class EVENT_TRACE_PROPERTIES extends WinStructure {
        public WNODE_HEADER Wnode;
        public int BufferSize;
        public int MinimumBuffers;
        public int MaximumBuffers;
        public int MaximumFileSize;
        public int LogFileMode;
        public int FlushTimer;
        public int EnableFlags;
        /** Union AgeLimit / FlushThreshold (LONG). */
        public int AgeLimit;
        public int NumberOfBuffers;
        public int FreeBuffers;
        public int EventsLost;
        public int BuffersWritten;
        public int LogBuffersLost;
        public int RealTimeBuffersLost;
        /** HANDLE LoggerThreadId. */
        public Pointer LoggerThreadId;
        public int LogFileNameOffset;
        public int LoggerNameOffset;

        public EVENT_TRACE_PROPERTIES() {
        }

        /** A view over existing memory (e.g. a {@link TracePropertiesBuffer}); call {@link #read()} to load it. */
        public EVENT_TRACE_PROPERTIES(Pointer p) {
            super(p);
        }
    }

    /**
     * EVENT_TRACE_HEADER (evntrace.h), the classic event header: size 0x30 (the SDK headers named here). Unions mapped
     * as:
     * {@code FieldTypeFlags} (= HeaderType u8, MarkerFlags u8), {@code Version} (= Class{Type u8, Level u8,
     * Version u16}), {@code Guid} (= GuidPtr u64; both at 0x18, the union is 16 bytes), {@code ProcessorTime}
     * (= {KernelTime, UserTime} or {ClientContext, Flags}).
     */
    @FieldOrder({"Size", "FieldTypeFlags", "Version", "ThreadId", "ProcessId", "TimeStamp", "Guid",
            "ProcessorTime"})
    public static class EVENT_TRACE_HEADER extends WinStructure {
        public short Size;
        public short FieldTypeFlags;
        public int Version;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        public GUID Guid;
        public long ProcessorTime;
    }

    /**
     * EVENT_TRACE (evntrace.h), the classic event: size 0x58 (the SDK headers named here). {@code ClientContext} is
     * the union with ETW_BUFFER_CONTEXT BufferContext.
     */
    @FieldOrder({"Header", "InstanceId", "ParentInstanceId", "ParentGuid", "MofData", "MofLength",
            "ClientContext"})
    public static class EVENT_TRACE extends WinStructure {
        public EVENT_TRACE_HEADER Header;
        public int InstanceId;
        public int ParentInstanceId;
        public GUID ParentGuid;
        public Pointer MofData;
        public int MofLength;
        public int ClientContext;
    }

    /**
     * TRACE_LOGFILE_HEADER (evntrace.h) as a 64-bit process sees it: size 0x118 (evntrace.h TRACE_LOGFILE_HEADER). It
     * embeds a TIME_ZONE_INFORMATION (0xAC bytes at 0x48), after which 4 bytes of padding put BootTime at 0xF8.
     * {@code Version} is the union with VersionDetail (Major, Minor, SubVersion, SubMinorVersion bytes);
     * StartBuffers/PointerSize/EventsLost/CpuSpeedInMHz are the struct member of the union with LogInstanceGuid.
     * {@code ReservedFlags} is the clock type (1 QPC, 2 system time, 3 CPU cycles).
     */
    @FieldOrder({"BufferSize", "Version", "ProviderVersion", "NumberOfProcessors", "EndTime", "TimerResolution",
            "MaximumFileSize", "LogFileMode", "BuffersWritten", "StartBuffers", "PointerSize", "EventsLost",
            "CpuSpeedInMHz", "LoggerName", "LogFileName", "TimeZone", "BootTime", "PerfFreq", "StartTime",
            "ReservedFlags", "BuffersLost"})
    public static class TRACE_LOGFILE_HEADER extends WinStructure {
        public int BufferSize;
        public int Version;
        public int ProviderVersion;
        public int NumberOfProcessors;
        public long EndTime;
        public int TimerResolution;
        public int MaximumFileSize;
        public int LogFileMode;
        public int BuffersWritten;
        public int StartBuffers;
        /** Pointer size of the logging machine, in bits. */
        public int PointerSize;
        public int EventsLost;
        public int CpuSpeedInMHz;
        /** LPWSTR LoggerName. */
        public Pointer LoggerName;
        /** LPWSTR LogFileName. */
        public Pointer LogFileName;
        public TIME_ZONE_INFORMATION TimeZone;
        public long BootTime;
        public long PerfFreq;
        public long StartTime;
        public int ReservedFlags;
        public int BuffersLost;
    }

    /**
     * EVENT_TRACE_LOGFILEW (evntrace.h): size 0x1C0 (the SDK headers named here), passed to OpenTraceW. {@code
     * ProcessTraceMode} is the union with LogFileMode; {@code EventRecordCallback} is the union with EventCallback
     * (PEVENT_CALLBACK) and is used with {@link Advapi32#PROCESS_TRACE_MODE_EVENT_RECORD}. {@code LoggerName}/{@code
     * LogFileName} point to NUL-terminated UTF-16LE strings ({@link WideStrings}) that the caller keeps alive until
     * OpenTraceW returns. The caller must also keep the callback objects strongly reachable until ProcessTrace has
     * returned.
     */
    @FieldOrder({"LogFileName", "LoggerName", "CurrentTime", "BuffersRead", "ProcessTraceMode", "CurrentEvent",
            "LogfileHeader", "BufferCallback", "BufferSize", "Filled", "EventsLost", "EventRecordCallback",
            "IsKernelTrace", "Context"})
    public static class EVENT_TRACE_LOGFILEW extends WinStructure {
        public Pointer LogFileName;
        public Pointer LoggerName;
        public long CurrentTime;
        public int BuffersRead;
        /** Union LogFileMode / ProcessTraceMode. */
        public int ProcessTraceMode;
        public EVENT_TRACE CurrentEvent;
        public TRACE_LOGFILE_HEADER LogfileHeader;
        /** PEVENT_TRACE_BUFFER_CALLBACKW, may be null. */
        public Advapi32.BufferCallback BufferCallback;
        public int BufferSize;
        public int Filled;
        public int EventsLost;
        /**
         * Union EventCallback / EventRecordCallback (PEVENT_RECORD_CALLBACK): a function pointer, from a JNA callback
         * or an FFM upcall stub ({@link NativeEventRecordCallback#functionPointer()}).
         */
        public Pointer EventRecordCallback;
        public int IsKernelTrace;
        /** PVOID Context; delivered as EVENT_RECORD.UserContext. */
        public Pointer Context;

        public EVENT_TRACE_LOGFILEW() {
        }

        /** A view over existing memory (e.g. what a BufferCallback receives); call {@link #read()} to load it. */
        public EVENT_TRACE_LOGFILEW(Pointer p) {
            super(p);
        }
    }

    /**
     * EVENT_DESCRIPTOR (evntprov.h): size 0x10 (the SDK headers named here): Id u16, Version u8, Channel u8, Level u8,
     * Opcode u8, Task u16, Keyword u64.
     */
    @FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
    public static class EVENT_DESCRIPTOR extends WinStructure {
        public short Id;
        public byte Version;
        public byte Channel;
        public byte Level;
        public byte Opcode;
        public short Task;
        public long Keyword;
    }

    /**
     * EVENT_HEADER (evntcons.h): size 0x50 (evntcons.h EVENT_HEADER). {@code KernelTime}/{@code UserTime} are the
     * struct member of the union with ULONG64 ProcessorTime (private sessions); both views start at 0x38.
     */
    @FieldOrder({"Size", "HeaderType", "Flags", "EventProperty", "ThreadId", "ProcessId", "TimeStamp",
            "ProviderId", "EventDescriptor", "KernelTime", "UserTime", "ActivityId"})
    public static class EVENT_HEADER extends WinStructure {
        public short Size;
        public short HeaderType;
        public short Flags;
        public short EventProperty;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        public GUID ProviderId;
        public EVENT_DESCRIPTOR EventDescriptor;
        public int KernelTime;
        public int UserTime;
        public GUID ActivityId;
    }

    /**
     * ETW_BUFFER_CONTEXT (evntrace.h): size 4 (the SDK headers named here). {ProcessorNumber u8, Alignment u8} is the
     * union with USHORT ProcessorIndex, which applies when EVENT_HEADER_FLAG_PROCESSOR_INDEX is set (evntcons.h
     * GetEventProcessorIndex).
     */
    @FieldOrder({"ProcessorNumber", "Alignment", "LoggerId"})
    public static class ETW_BUFFER_CONTEXT extends WinStructure {
        public byte ProcessorNumber;
        public byte Alignment;
        public short LoggerId;
    }

    /**
     * EVENT_RECORD (evntcons.h): size 0x70 (the SDK headers named here), what PEVENT_RECORD_CALLBACK receives. {@code
     * ExtendedData} points to ExtendedDataCount EVENT_HEADER_EXTENDED_DATA_ITEMs, {@code UserData} to UserDataLength
     * bytes.
     */
    @FieldOrder({"EventHeader", "BufferContext", "ExtendedDataCount", "UserDataLength", "ExtendedData", "UserData",
            "UserContext"})
    public static class EVENT_RECORD extends WinStructure {
        public EVENT_HEADER EventHeader;
        public ETW_BUFFER_CONTEXT BufferContext;
        public short ExtendedDataCount;
        public short UserDataLength;
        public Pointer ExtendedData;
        public Pointer UserData;
        public Pointer UserContext;

        public EVENT_RECORD() {
        }

        public EVENT_RECORD(Pointer p) {
            super(p);
        }
    }

    /**
     * EVENT_HEADER_EXTENDED_DATA_ITEM (evntcons.h): size 0x10 (the SDK headers named here). {@code Linkage} holds the
     * bit fields Linkage:1 and Reserved2:15; {@code DataPtr} is a ULONGLONG address of DataSize bytes.
     */
    @FieldOrder({"Reserved1", "ExtType", "Linkage", "DataSize", "DataPtr"})
    public static class EVENT_HEADER_EXTENDED_DATA_ITEM extends WinStructure {
        public short Reserved1;
        public short ExtType;
        public short Linkage;
        public short DataSize;
        public long DataPtr;
    }

    /**
     * ENABLE_TRACE_PARAMETERS (evntrace.h), version 2: size 0x30 (the SDK headers named here): Version@0,
     * EnableProperty@4, ControlFlags@8, SourceId@0xC, 4 bytes padding, EnableFilterDesc@0x20, FilterDescCount@0x28, 4
     * bytes padding.
     */
    @FieldOrder({"Version", "EnableProperty", "ControlFlags", "SourceId", "EnableFilterDesc", "FilterDescCount"})
    public static class ENABLE_TRACE_PARAMETERS extends WinStructure {
        public int Version;
        public int EnableProperty;
        public int ControlFlags;
        public GUID SourceId;
        /** PEVENT_FILTER_DESCRIPTOR: FilterDescCount contiguous EVENT_FILTER_DESCRIPTORs. */
        public Pointer EnableFilterDesc;
        public int FilterDescCount;
    }

    /**
     * EVENT_FILTER_DESCRIPTOR (evntprov.h): size 0x10 (the SDK headers named here): Ptr u64 (address of the filter
     * data), Size u32, Type u32 (EVENT_FILTER_TYPE_*).
     */
    @FieldOrder({"Ptr", "Size", "Type"})
    public static class EVENT_FILTER_DESCRIPTOR extends WinStructure {
        public long Ptr;
        public int Size;
        public int Type;

        public EVENT_FILTER_DESCRIPTOR() {
        }

        public EVENT_FILTER_DESCRIPTOR(Pointer p) {
            super(p);
        }
    }
    /**
     * TRACE_GUID_INFO (evntrace.h): size 0x8: InstanceCount@0, Reserved@4. The header of what
     * EnumerateTraceGuidsEx(TraceGuidQueryInfo) returns; InstanceCount TRACE_PROVIDER_INSTANCE_INFO blocks follow it
     * (learn.microsoft.com "EnumerateTraceGuidsEx function", remarks).
     */
    @FieldOrder({"InstanceCount", "Reserved"})
    public static class TRACE_GUID_INFO extends WinStructure {
        public int InstanceCount;
        public int Reserved;
    }

    /**
     * TRACE_PROVIDER_INSTANCE_INFO (evntrace.h): size 0x10: NextOffset@0 (from the start of this block to the next
     * one, 0 for the last), EnableCount@4, Pid@8, Flags@0xC (TRACE_PROVIDER_FLAG_LEGACY 0x1, _PRE_ENABLE 0x2).
     * EnableCount TRACE_ENABLE_INFO structures follow it directly (the layout .NET's EventProvider also reads:
     * dotnet/runtime EventProvider.cs, GetSessionInfo).
     */
    @FieldOrder({"NextOffset", "EnableCount", "Pid", "Flags"})
    public static class TRACE_PROVIDER_INSTANCE_INFO extends WinStructure {
        public int NextOffset;
        public int EnableCount;
        public int Pid;
        public int Flags;
    }

    /**
     * TRACE_ENABLE_INFO (evntrace.h): size 0x20: IsEnabled@0 (ULONG), Level@4 (UCHAR), Reserved1@5 (UCHAR),
     * LoggerId@6 (USHORT), EnableProperty@8, Reserved2@0xC, MatchAnyKeyword@0x10, MatchAllKeyword@0x18 (ULONGLONG).
     */
    @FieldOrder({"IsEnabled", "Level", "Reserved1", "LoggerId", "EnableProperty", "Reserved2", "MatchAnyKeyword",
            "MatchAllKeyword"})
    public static class TRACE_ENABLE_INFO extends WinStructure {
        public int IsEnabled;
        public byte Level;
        public byte Reserved1;
        public short LoggerId;
        public int EnableProperty;
        public int Reserved2;
        public long MatchAnyKeyword;
        public long MatchAllKeyword;
    }

    /**
     * The fixed head of PROVIDER_ENUMERATION_INFO (tdh.h): size 0x8: NumberOfProviders@0 (ULONG), Reserved@4 (ULONG);
     * the TraceProviderInfoArray of NumberOfProviders {@link TRACE_PROVIDER_INFO} follows at 0x8 (an ANYSIZE_ARRAY,
     * so the C {@code sizeof} would count one element; this class maps only the head). What TdhEnumerateProviders
     * writes (learn.microsoft.com "PROVIDER_ENUMERATION_INFO structure (tdh.h)").
     */
    @FieldOrder({"NumberOfProviders", "Reserved"})
    public static class PROVIDER_ENUMERATION_INFO extends WinStructure {
        public int NumberOfProviders;
        public int Reserved;
    }

    /**
     * TRACE_PROVIDER_INFO (tdh.h): size 0x18, alignment 4: ProviderGuid@0 (GUID), SchemaSource@0x10 (ULONG: 0 for a
     * manifest, 1 for a WMI MOF class), ProviderNameOffset@0x14 (ULONG: from the start of the
     * PROVIDER_ENUMERATION_INFO buffer to a NUL-terminated UTF-16LE name) (learn.microsoft.com "TRACE_PROVIDER_INFO
     * structure (tdh.h)").
     */
    @FieldOrder({"ProviderGuid", "SchemaSource", "ProviderNameOffset"})
    public static class TRACE_PROVIDER_INFO extends WinStructure {
        public GUID ProviderGuid;
        public int SchemaSource;
        public int ProviderNameOffset;
    }
}
