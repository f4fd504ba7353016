package io.etw4j.bench;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.etw4j.core.internal.win32.EventRecordLayout;

/**
 * JNA binding of {@code libetw4jstandin.so} (etw-bench {@code src/main/c/etw4j_standin.c}, built by gcc during the
 * bench build into the class path's {@code linux-x86-64/} folder, from which JNA loads it): a loop in native code that
 * calls an EVENT_RECORD callback the way ProcessTrace does. {@link #checkedInstance()} compares the C structs' offsets
 * with etw-core's {@link EventRecordLayout} before anything is measured. Thread-safe (the library has no state).
 */
interface StandInLibrary extends Library {
    /** The C offsets, in the order the C function writes them. */
    int[] EXPECTED_LAYOUT = {
        EventRecordLayout.OFF_FLAGS, EventRecordLayout.OFF_THREAD_ID, EventRecordLayout.OFF_PROCESS_ID,
        EventRecordLayout.OFF_TIMESTAMP, EventRecordLayout.OFF_PROVIDER_ID, EventRecordLayout.OFF_DESCRIPTOR,
        EventRecordLayout.OFF_ACTIVITY_ID, EventRecordLayout.OFF_BUFFER_CONTEXT,
        EventRecordLayout.OFF_EXTENDED_DATA_COUNT, EventRecordLayout.OFF_USER_DATA_LENGTH,
        EventRecordLayout.OFF_EXTENDED_DATA, EventRecordLayout.OFF_USER_DATA, EventRecordLayout.OFF_USER_CONTEXT,
        EventRecordLayout.EVENT_RECORD_SIZE, EventRecordLayout.ITEM_EXT_TYPE, EventRecordLayout.ITEM_DATA_SIZE,
        EventRecordLayout.ITEM_DATA_PTR, EventRecordLayout.ITEM_SIZE,
    };

    int etw4j_standin_layout(int[] out, int n);

    Pointer etw4j_standin_prepare(Pointer template, int count);

    void etw4j_standin_free(Pointer records);

    long etw4j_standin_process(Pointer callback, Pointer records, int count, long total, Pointer stop);

    /** The library, its layout checked against {@link EventRecordLayout}. */
    static StandInLibrary checkedInstance() {
        StandInLibrary lib = Native.load("etw4jstandin", StandInLibrary.class);
        int[] got = new int[EXPECTED_LAYOUT.length];
        int n = lib.etw4j_standin_layout(got, got.length);
        if (n != EXPECTED_LAYOUT.length || !java.util.Arrays.equals(got, EXPECTED_LAYOUT)) {
            throw new IllegalStateException("native stand-in layout " + java.util.Arrays.toString(got)
                    + " differs from EventRecordLayout " + java.util.Arrays.toString(EXPECTED_LAYOUT));
        }
        return lib;
    }

    /** A 4-byte stop flag in native memory, 0. */
    static Memory stopFlag() {
        Memory m = new Memory(4);
        m.setInt(0, 0);
        return m;
    }
}
