package io.etw4j.core.internal.win32;

import com.sun.jna.Platform;

/**
 * Loads {@link Advapi32} lazily: the DLL is loaded (by {@link WindowsLibraries}) only when
 * {@link #load()} is first called on Windows. On other systems nothing native is loaded and a typed exception is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe.
 */
final class Advapi32Loader {
    private Advapi32Loader() {
    }

    static Advapi32 load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Advapi32 load(boolean isWindows) {
        return WindowsLibraries.load(isWindows, "Advapi32", Advapi32.class,
                "Advapi32 (StartTraceW, OpenTraceW, ProcessTrace)");
    }

}
