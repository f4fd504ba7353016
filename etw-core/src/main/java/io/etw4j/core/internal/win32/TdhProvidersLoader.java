package io.etw4j.core.internal.win32;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.ProviderNameSources;

/**
 * Loads {@link TdhProviders} lazily: the nested holder class, and with it tdh.dll, is initialised only when
 * {@link #load()} is first called on Windows. On other systems nothing native is loaded and a typed exception is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe (class initialisation).
 */
public final class TdhProvidersLoader {
    /** What the exception names as the operation. */
    static final String OPERATION = ProviderNameSources.LIVE_OPERATION;

    private TdhProvidersLoader() {
    }

    /** tdh.dll's TdhEnumerateProviders; throws {@link UnsupportedPlatformException} unless on Windows. */
    public static TdhProviders load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static TdhProviders load(boolean isWindows) {
        if (!isWindows) {
            throw new UnsupportedPlatformException(OPERATION, System.getProperty("os.name", "unknown"));
        }
        return Holder.INSTANCE;
    }

    /** Initialised on first access only (JLS 12.4.1). */
    private static final class Holder {
        static final TdhProviders INSTANCE = Native.load("tdh", TdhProviders.class);
    }
}
