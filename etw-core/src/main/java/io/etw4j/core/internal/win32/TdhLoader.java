package io.etw4j.core.internal.win32;

import com.sun.jna.Platform;
import io.etw4j.core.internal.ProviderNameSources;

/**
 * Loads {@link Tdh} lazily: the DLL is loaded (by {@link WindowsLibraries}) only when
 * {@link #load()} is first called on Windows. On other systems nothing native is loaded and a typed exception is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe.
 */
public final class TdhLoader {
    /** What the exception names as the operation. */
    static final String OPERATION = ProviderNameSources.LIVE_OPERATION;

    private TdhLoader() {
    }

    /**
     * {@return tdh.dll, for the provider listing}
     *
     * @throws io.etw4j.core.UnsupportedPlatformException unless on Windows
     */
    public static Tdh load() {
        return load(OPERATION);
    }

    /**
     * {@return tdh.dll, loaded on the first call}
     *
     * @param operation what the exception names off Windows (the caller's use of TDH)
     * @throws io.etw4j.core.UnsupportedPlatformException unless on Windows
     */
    public static Tdh load(String operation) {
        return load(Platform.isWindows(), operation);
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Tdh load(boolean isWindows) {
        return load(isWindows, OPERATION);
    }

    /**
     * {@return tdh.dll on Windows}
     *
     * @param isWindows whether to load (the platform decision, an argument so tests can take the other path)
     * @param operation what the exception names off Windows
     */
    public static Tdh load(boolean isWindows, String operation) {
        return WindowsLibraries.load(isWindows, "tdh", Tdh.class, operation);
    }

}
