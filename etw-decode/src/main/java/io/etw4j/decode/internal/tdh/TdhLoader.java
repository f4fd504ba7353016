package io.etw4j.decode.internal.tdh;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.etw4j.core.UnsupportedPlatformException;

/**
 * Loads {@link Tdh} lazily: the nested holder class, and with it tdh.dll, is initialised only when {@link #load()} is
 * first called on Windows. Elsewhere nothing native is loaded and {@link UnsupportedPlatformException} is thrown
 * instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe (class initialisation).
 */
public final class TdhLoader {
    /** What the exception names as the operation. */
    static final String OPERATION = "TDH schemas (tdh.dll TdhGetEventInformation, TdhGetEventMapInformation)";

    private TdhLoader() {
    }

    /** tdh.dll's functions; throws {@link UnsupportedPlatformException} unless on Windows. */
    public static Tdh load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Tdh load(boolean isWindows) {
        if (!isWindows) {
            throw new UnsupportedPlatformException(OPERATION, System.getProperty("os.name", "unknown"));
        }
        return Holder.INSTANCE;
    }

    /** Initialised on first access only (JLS 12.4.1). */
    private static final class Holder {
        static final Tdh INSTANCE = Native.load("tdh", Tdh.class);
    }
}
