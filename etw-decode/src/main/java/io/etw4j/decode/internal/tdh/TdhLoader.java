package io.etw4j.decode.internal.tdh;

import com.sun.jna.Platform;
import io.etw4j.core.internal.win32.Tdh;
import io.etw4j.core.internal.win32.WindowsLibraries;

/**
 * Loads etw-core's tdh.dll binding ({@link Tdh}) for the schema functions, lazily: tdh.dll is loaded (by
 * {@link WindowsLibraries}) only when {@link #load()} is first
 * called on Windows. Elsewhere nothing native is loaded and {@link io.etw4j.core.UnsupportedPlatformException} is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe.
 */
public final class TdhLoader {
    /** What the exception names as the operation. */
    static final String OPERATION = "TDH schemas (tdh.dll TdhGetEventInformation, TdhGetEventMapInformation)";

    private TdhLoader() {
    }

    /** tdh.dll's functions; throws {@link io.etw4j.core.UnsupportedPlatformException} unless on Windows. */
    public static Tdh load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Tdh load(boolean isWindows) {
        return io.etw4j.core.internal.win32.TdhLoader.load(isWindows, OPERATION);
    }

}
