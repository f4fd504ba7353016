package io.etw4j.core.internal.win32;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.etw4j.core.UnsupportedPlatformException;

/**
 * Loads {@link Advapi32Etw} lazily: the nested holder class, and with it advapi32.dll, is initialised only when
 * {@link #load()} is first called on Windows. On other systems nothing native is loaded and a typed exception is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe (class initialisation).
 */
final class Advapi32EtwLoader {
    private Advapi32EtwLoader() {
    }

    static Advapi32Etw load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Advapi32Etw load(boolean isWindows) {
        if (!isWindows) {
            throw new UnsupportedPlatformException("Advapi32Etw (StartTraceW, OpenTraceW, ProcessTrace)",
                    System.getProperty("os.name", "unknown"));
        }
        return Holder.INSTANCE;
    }

    /** Initialised on first access only (JLS 12.4.1). */
    private static final class Holder {
        static final Advapi32Etw INSTANCE = Native.load("Advapi32", Advapi32Etw.class);
    }
}
