package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_LOGFILEW;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The callback wiring of EVENT_TRACE_LOGFILEW as OpenTraceW reads it: the function pointers JNA writes at 0x190
 * (BufferCallback) and 0x1A8 (EventRecordCallback) are called through native code, the way ProcessTrace calls them,
 * and reach the Java callbacks with the native EVENT_RECORD. On Linux the native calling convention is SysV, not the
 * Windows x64 one; what this proves is the field placement and the JNA closure path, not Windows' ABI.
 *
 * <p>Offsets and values are the Windows x64 ones of notes/windows-etw-layouts.md: EVENT_TRACE_LOGFILEW §2.3
 * (evntrace.h: LoggerName 0x08, ProcessTraceMode 0x1C = PROCESS_TRACE_MODE_REAL_TIME 0x100 |
 * PROCESS_TRACE_MODE_EVENT_RECORD 0x10000000 (evntcons.h), BufferCallback 0x190, EventRecordCallback 0x1A8) and
 * EVENT_HEADER §2.5 (evntcons.h: Flags 0x04 = EVENT_HEADER_FLAG_64_BIT_HEADER 0x0040, ProcessId 0x0C,
 * EventDescriptor.Id 0x28).
 */
class EventTraceLogfileCallbackTest {

    @Test
    void eventRecordCallbackAtItsOffsetReceivesTheNativeRecord() {
        EventRecordCopier copier = EventRecordCopier.systemTime();
        List<EventRecord> copied = new ArrayList<>();
        Advapi32.EventRecordCallback onEvent = record -> copied.add(copier.copy(record));
        Memory name = WideStrings.allocate("etw4j-test");

        EVENT_TRACE_LOGFILEW logfile = new EVENT_TRACE_LOGFILEW();
        logfile.LoggerName = name;
        logfile.ProcessTraceMode = Advapi32.PROCESS_TRACE_MODE_REAL_TIME
                | Advapi32.PROCESS_TRACE_MODE_EVENT_RECORD;
        logfile.EventRecordCallback = CallbackReference.getFunctionPointer(onEvent);
        logfile.write();

        Pointer raw = logfile.getPointer();
        assertThat(raw.getPointer(0x08)).isEqualTo(name);
        assertThat(raw.getInt(0x1C)).isEqualTo(0x10000100);
        Pointer fn = raw.getPointer(0x1A8);
        assertThat(fn).isNotNull();

        Memory record = new Memory(0x70);
        record.clear();
        record.setShort(0x04, (short) 0x0040);
        record.setInt(0x0C, 3556);
        record.setShort(0x28, (short) 0x28);
        Function.getFunction(fn).invoke(Void.class, new Object[] {record});

        assertThat(copied).singleElement().satisfies(r -> {
            assertThat(r.processId()).isEqualTo(3556);
            assertThat(r.id()).isEqualTo(0x28);
        });
    }

    @Test
    void bufferCallbackAtItsOffsetReturnsItsValueToNativeCode() {
        List<Pointer> seen = new ArrayList<>();
        Advapi32.BufferCallback onBuffer = logfile -> {
            seen.add(logfile);
            return 1; // TRUE: continue processing
        };
        EVENT_TRACE_LOGFILEW logfile = new EVENT_TRACE_LOGFILEW();
        logfile.BufferCallback = onBuffer;
        logfile.write();

        Pointer fn = logfile.getPointer().getPointer(0x190);
        int result = Function.getFunction(fn).invokeInt(new Object[] {logfile.getPointer()});

        assertThat(result).isEqualTo(1);
        assertThat(seen).containsExactly(logfile.getPointer());
    }
}
