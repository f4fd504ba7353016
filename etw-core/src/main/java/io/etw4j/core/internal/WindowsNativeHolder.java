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
        } catch (java.lang.reflect.InvocationTargetException e) {
            // The constructor's own refusal (e.g. UnsupportedPlatformException on a 32-bit JVM) reaches the caller
            // as itself, not wrapped in a "missing" error.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("etw4j Windows native layer failed to start", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("etw4j Windows native layer missing", e);
        }
    }
}
