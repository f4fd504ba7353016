package io.etw4j.core.internal;

/**
 * Holds the one Windows native layer, created on first use (only reached after the OS check in
 * {@link SessionEnvironment#windowsNative()}).
 */
final class WindowsNativeHolder {
    private static volatile EtwNative instance;

    private WindowsNativeHolder() {
    }

    static EtwNative get() {
        EtwNative n = instance;
        if (n == null) {
            synchronized (WindowsNativeHolder.class) {
                n = instance;
                if (n == null) {
                    n = create();
                    instance = n;
                }
            }
        }
        return n;
    }

    private static EtwNative create() {
        return WindowsClasses.instantiate("io.etw4j.core.internal.win32.WindowsEtwNative", EtwNative.class,
                "Windows native layer");
    }
}
