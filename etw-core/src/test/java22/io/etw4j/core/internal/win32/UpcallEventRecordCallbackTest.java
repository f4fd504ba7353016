package io.etw4j.core.internal.win32;

import static io.etw4j.core.internal.win32.EventRecordLayout.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative.RecordSink;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FFM live path (JDK 22+, run by the {@code ffm} profile): {@link EventRecordCallbacks} picks the upcall stub by
 * default and JNA when {@code etw4j.liveCallback=jna}; the stub, called from native code (an FFM downcall to its
 * address, and JNA's {@code Function} as ProcessTrace would), delivers a copy equal field for field and byte for
 * byte to what the JNA path copies from the same memory (header, descriptor, activity id, processor index, two
 * extended items, payload); malformed records and failing sinks are reported, never thrown into native code.
 * Records are written at the offsets of {@link EventRecordLayout} (evntcons.h x64).
 */
class UpcallEventRecordCallbackTest {
    private static final MethodHandle CALL_VOID_PTR = Linker.nativeLinker()
            .downcallHandle(FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private final List<EventRecord> received = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void onRecord(EventRecord record) {
            if (record.processId() == 666) {
                throw new IllegalStateException("sink failure must not reach native code");
            }
            received.add(record);
        }

        @Override
        public void onCopyFailure(Throwable failure) {
            failures.add(failure);
        }
    };

    @AfterEach
    void clearProperty() {
        System.clearProperty(EventRecordCallbacks.PROPERTY);
    }

    /** A full record in native memory: two extended items (SID, PROCESS_START_KEY), a 100-byte payload. */
    private static MemorySegment record(Arena arena, int processId) {
        MemorySegment r = arena.allocate(EVENT_RECORD_SIZE, 8);
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_HEADER_SIZE, (short) 0x50);
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_FLAGS, (short) 0x0241); // EXTENDED_INFO | 64_BIT | PROCESSOR_INDEX
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_EVENT_PROPERTY, (short) 1);
        r.set(ValueLayout.JAVA_INT_UNALIGNED, OFF_THREAD_ID, 1234);
        r.set(ValueLayout.JAVA_INT_UNALIGNED, OFF_PROCESS_ID, processId);
        r.set(ValueLayout.JAVA_LONG_UNALIGNED, OFF_TIMESTAMP, 133_500_000_000_000_000L);
        for (int i = 0; i < 16; i++) {
            r.set(ValueLayout.JAVA_BYTE, OFF_PROVIDER_ID + i, (byte) (0xA0 + i));
            r.set(ValueLayout.JAVA_BYTE, OFF_ACTIVITY_ID + i, (byte) (i + 1));
        }
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_DESCRIPTOR + DESC_ID, (short) 0x28);
        r.set(ValueLayout.JAVA_BYTE, OFF_DESCRIPTOR + DESC_VERSION, (byte) 2);
        r.set(ValueLayout.JAVA_BYTE, OFF_DESCRIPTOR + DESC_LEVEL, (byte) 4);
        r.set(ValueLayout.JAVA_BYTE, OFF_DESCRIPTOR + DESC_OPCODE, (byte) 11);
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_DESCRIPTOR + DESC_TASK, (short) 7);
        r.set(ValueLayout.JAVA_LONG_UNALIGNED, OFF_DESCRIPTOR + DESC_KEYWORD, 0x8000_0000_0000_0010L);
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_BUFFER_CONTEXT, (short) 300); // ProcessorIndex
        MemorySegment sid = arena.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0});
        MemorySegment key = arena.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {0x34, 0x12, 0, 0, 0, 0, 2, 0});
        MemorySegment items = arena.allocate(2L * ITEM_SIZE, 8);
        items.set(ValueLayout.JAVA_SHORT_UNALIGNED, ITEM_EXT_TYPE, (short) 2);
        items.set(ValueLayout.JAVA_SHORT_UNALIGNED, ITEM_DATA_SIZE, (short) sid.byteSize());
        items.set(ValueLayout.JAVA_LONG_UNALIGNED, ITEM_DATA_PTR, sid.address());
        items.set(ValueLayout.JAVA_SHORT_UNALIGNED, ITEM_SIZE + ITEM_EXT_TYPE, (short) 0x0D);
        items.set(ValueLayout.JAVA_SHORT_UNALIGNED, ITEM_SIZE + ITEM_DATA_SIZE, (short) key.byteSize());
        items.set(ValueLayout.JAVA_LONG_UNALIGNED, ITEM_SIZE + ITEM_DATA_PTR, key.address());
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_EXTENDED_DATA_COUNT, (short) 2);
        r.set(ValueLayout.JAVA_LONG_UNALIGNED, OFF_EXTENDED_DATA, items.address());
        MemorySegment payload = arena.allocate(100);
        for (int i = 0; i < 100; i++) {
            payload.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
        }
        r.set(ValueLayout.JAVA_SHORT_UNALIGNED, OFF_USER_DATA_LENGTH, (short) 100);
        r.set(ValueLayout.JAVA_LONG_UNALIGNED, OFF_USER_DATA, payload.address());
        return r;
    }

    @Test
    void theDefaultOnThisJdkIsTheUpcallStubAndThePropertyForcesJna() {
        assertThat(EventRecordCallbacks.ffmAvailable()).isTrue();
        try (NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            // the versioned class (src/main/java22) is not on the test compile path: named, not referenced
            assertThat(cb.getClass().getSimpleName()).isEqualTo("UpcallEventRecordCallback");
            assertThat(cb.kind()).isEqualTo("ffm");
        }
        System.setProperty(EventRecordCallbacks.PROPERTY, "jna");
        try (NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            assertThat(cb).isInstanceOf(JnaEventRecordCallback.class);
        }
    }

    @Test
    void calledFromNativeCodeItDeliversWhatTheJnaPathCopies() throws Throwable {
        try (Arena arena = Arena.ofConfined();
                NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            MemorySegment r = record(arena, 3556);
            EventRecord viaJna = EventRecordCopier.systemTime().copy(new Pointer(r.address()));
            MemorySegment fn = MemorySegment.ofAddress(Pointer.nativeValue(cb.functionPointer()));
            CALL_VOID_PTR.invokeExact(fn, r);                                  // FFM downcall into the stub
            Function.getFunction(cb.functionPointer()).invoke(Void.class, new Object[] {new Pointer(r.address())});
            assertThat(failures).isEmpty();
            assertThat(received).containsExactly(viaJna, viaJna);
            EventRecord got = received.get(0);
            assertThat(got.processId()).isEqualTo(3556);
            assertThat(got.processorNumber()).isEqualTo(300);
            assertThat(got.descriptor().opcode()).isEqualTo(11);
            assertThat(got.extendedData()).hasSize(2);
            assertThat(got.payload()).hasSize(100);
            assertThat(got.payload()[99]).isEqualTo((byte) (99 * 7));
        }
    }

    @Test
    void theCopyIsTakenBeforeTheCallReturns() throws Throwable {
        try (Arena arena = Arena.ofConfined();
                NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            MemorySegment r = record(arena, 3556);
            MemorySegment fn = MemorySegment.ofAddress(Pointer.nativeValue(cb.functionPointer()));
            CALL_VOID_PTR.invokeExact(fn, r);
            r.fill((byte) 0); // the record dies when the callback returns
            assertThat(received).singleElement().satisfies(e -> assertThat(e.processId()).isEqualTo(3556));
        }
    }

    @Test
    void malformedRecordsAndFailingSinksAreReportedNotThrownIntoNativeCode() throws Throwable {
        try (Arena arena = Arena.ofConfined();
                NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink)) {
            MemorySegment fn = MemorySegment.ofAddress(Pointer.nativeValue(cb.functionPointer()));
            CALL_VOID_PTR.invokeExact(fn, MemorySegment.NULL);
            MemorySegment noPayload = record(arena, 3556);
            noPayload.set(ValueLayout.JAVA_LONG_UNALIGNED, OFF_USER_DATA, 0L);
            CALL_VOID_PTR.invokeExact(fn, noPayload);
            CALL_VOID_PTR.invokeExact(fn, record(arena, 666)); // the sink throws
            assertThat(received).isEmpty();
            assertThat(failures).hasSize(3);
            assertThat(failures.get(0)).isInstanceOf(MalformedEventRecordException.class);
            assertThat(((MalformedEventRecordException) failures.get(0)).reason())
                    .isEqualTo(MalformedEventRecordException.Reason.NULL_RECORD);
            assertThat(((MalformedEventRecordException) failures.get(1)).reason())
                    .isEqualTo(MalformedEventRecordException.Reason.NULL_USER_DATA);
            assertThat(failures.get(2)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        NativeEventRecordCallback cb = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink);
        cb.close();
        cb.close();
        assertThat(cb.kind()).isEqualTo("ffm");
    }
}
