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
        try {
            // Loaded by name so that no JNA-backed class is linked before the OS check.
            Class<?> c = Class.forName("io.etw4j.core.internal.win32.WindowsEtwNative");
            return (EtwNative) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("etw4j Windows native layer missing", e);
        }
    }
}
