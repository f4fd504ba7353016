/*
 * A native stand-in for ProcessTrace (advapi32.dll, evntrace.h), for etw-bench only: it calls an EVENT_RECORD
 * callback (PEVENT_RECORD_CALLBACK, void (EVENT_RECORD *)) from native code in a loop over prepared records, the way
 * ProcessTrace calls the consumer for each event, so the JNA callback and the FFM upcall stub are measured through a
 * real native-to-Java transition on Linux. Built by gcc during the bench build (etw-bench/pom.xml, profile bench).
 *
 * The structs follow the Windows x64 layout of evntcons.h / evntprov.h / evntrace.h with fixed-width types (on Linux
 * x86-64 a Windows ULONG is uint32_t, ULONGLONG uint64_t, pointers 8 bytes), asserted below at compile time and
 * checked against etw-core's EventRecordLayout when the benchmark starts (etw4j_standin_layout).
 * The calling convention is Linux's SysV one, not Windows x64: what is measured is the transition, not Windows' ABI.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint8_t bytes[16]; } GUID;

typedef struct {              /* EVENT_DESCRIPTOR (evntprov.h) */
    uint16_t Id;
    uint8_t Version;
    uint8_t Channel;
    uint8_t Level;
    uint8_t Opcode;
    uint16_t Task;
    uint64_t Keyword;
} EVENT_DESCRIPTOR;

typedef struct {              /* EVENT_HEADER (evntcons.h) */
    uint16_t Size;
    uint16_t HeaderType;
    uint16_t Flags;
    uint16_t EventProperty;
    uint32_t ThreadId;
    uint32_t ProcessId;
    int64_t TimeStamp;
    GUID ProviderId;
    EVENT_DESCRIPTOR EventDescriptor;
    uint64_t ProcessorTime;   /* union { struct { ULONG KernelTime; ULONG UserTime; }; ULONG64 ProcessorTime; } */
    GUID ActivityId;
} EVENT_HEADER;

typedef struct {              /* ETW_BUFFER_CONTEXT (evntrace.h) */
    uint8_t ProcessorNumber;  /* union with USHORT ProcessorIndex */
    uint8_t Alignment;
    uint16_t LoggerId;
} ETW_BUFFER_CONTEXT;

typedef struct {              /* EVENT_HEADER_EXTENDED_DATA_ITEM (evntcons.h) */
    uint16_t Reserved1;
    uint16_t ExtType;
    uint16_t Linkage;         /* USHORT Linkage : 1; USHORT Reserved2 : 15; */
    uint16_t DataSize;
    uint64_t DataPtr;
} EVENT_HEADER_EXTENDED_DATA_ITEM;

typedef struct {              /* EVENT_RECORD (evntcons.h) */
    EVENT_HEADER EventHeader;
    ETW_BUFFER_CONTEXT BufferContext;
    uint16_t ExtendedDataCount;
    uint16_t UserDataLength;
    EVENT_HEADER_EXTENDED_DATA_ITEM *ExtendedData;
    void *UserData;
    void *UserContext;
} EVENT_RECORD;

_Static_assert(sizeof(EVENT_HEADER) == 0x50, "EVENT_HEADER size");
_Static_assert(sizeof(EVENT_RECORD) == 0x70, "EVENT_RECORD size");
_Static_assert(offsetof(EVENT_RECORD, UserData) == 0x60, "UserData offset");
_Static_assert(sizeof(EVENT_HEADER_EXTENDED_DATA_ITEM) == 0x10, "item size");

typedef void (*PEVENT_RECORD_CALLBACK)(EVENT_RECORD *record);

/* The offsets of this file's structs, in the order of EventRecordLayout's check in the benchmark (StandInLibrary). */
int32_t etw4j_standin_layout(int32_t *out, int32_t n) {
    int32_t v[] = {
        (int32_t) offsetof(EVENT_HEADER, Flags),
        (int32_t) offsetof(EVENT_HEADER, ThreadId),
        (int32_t) offsetof(EVENT_HEADER, ProcessId),
        (int32_t) offsetof(EVENT_HEADER, TimeStamp),
        (int32_t) offsetof(EVENT_HEADER, ProviderId),
        (int32_t) offsetof(EVENT_HEADER, EventDescriptor),
        (int32_t) offsetof(EVENT_HEADER, ActivityId),
        (int32_t) offsetof(EVENT_RECORD, BufferContext),
        (int32_t) offsetof(EVENT_RECORD, ExtendedDataCount),
        (int32_t) offsetof(EVENT_RECORD, UserDataLength),
        (int32_t) offsetof(EVENT_RECORD, ExtendedData),
        (int32_t) offsetof(EVENT_RECORD, UserData),
        (int32_t) offsetof(EVENT_RECORD, UserContext),
        (int32_t) sizeof(EVENT_RECORD),
        (int32_t) offsetof(EVENT_HEADER_EXTENDED_DATA_ITEM, ExtType),
        (int32_t) offsetof(EVENT_HEADER_EXTENDED_DATA_ITEM, DataSize),
        (int32_t) offsetof(EVENT_HEADER_EXTENDED_DATA_ITEM, DataPtr),
        (int32_t) sizeof(EVENT_HEADER_EXTENDED_DATA_ITEM),
    };
    int32_t count = (int32_t) (sizeof v / sizeof v[0]);
    for (int32_t i = 0; i < count && i < n; i++) {
        out[i] = v[i];
    }
    return count;
}

/* count copies of template (its payload and items shared), ThreadId and TimeStamp varied per record; free with free */
EVENT_RECORD *etw4j_standin_prepare(const EVENT_RECORD *template_record, int32_t count) {
    EVENT_RECORD *records = calloc((size_t) count, sizeof(EVENT_RECORD));
    if (records == NULL) {
        return NULL;
    }
    for (int32_t i = 0; i < count; i++) {
        memcpy(&records[i], template_record, sizeof(EVENT_RECORD));
        records[i].EventHeader.ThreadId = template_record->EventHeader.ThreadId + (uint32_t) i;
        records[i].EventHeader.TimeStamp = template_record->EventHeader.TimeStamp + i;
    }
    return records;
}

void etw4j_standin_free(EVENT_RECORD *records) {
    free(records);
}

/*
 * ProcessTrace's delivery loop: calls callback with records[i % count] total times, or until *stop is non-zero
 * (ControlTrace STOP or CloseTrace from another thread). Returns the number of calls made.
 */
int64_t etw4j_standin_process(PEVENT_RECORD_CALLBACK callback, EVENT_RECORD *records, int32_t count, int64_t total,
                              volatile int32_t *stop) {
    int64_t calls = 0;
    int32_t next = 0;
    while (calls < total && *stop == 0) {
        callback(&records[next]);
        calls++;
        if (++next == count) {
            next = 0;
        }
    }
    return calls;
}
