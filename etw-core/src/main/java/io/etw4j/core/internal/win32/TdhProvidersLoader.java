package io.etw4j.core.internal.win32;

import com.sun.jna.Platform;
import io.etw4j.core.internal.ProviderNameSources;

/**
 * Loads {@link TdhProviders} lazily: the DLL is loaded (by {@link WindowsLibraries}) only when
 * {@link #load()} is first called on Windows. On other systems nothing native is loaded and a typed exception is
 * thrown instead of a JNA {@link UnsatisfiedLinkError}. Thread-safe.
 */
public final class TdhProvidersLoader {
    /** What the exception names as the operation. */
    static final String OPERATION = ProviderNameSources.LIVE_OPERATION;

    private TdhProvidersLoader() {
    }

    /** tdh.dll's TdhEnumerateProviders; throws {@link io.etw4j.core.UnsupportedPlatformException} unless on Windows. */
    public static TdhProviders load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static TdhProviders load(boolean isWindows) {
        return WindowsLibraries.load(isWindows, "tdh", TdhProviders.class, OPERATION);
    }

}
