package io.etw4j.core.internal;

/**
 * Instantiates a class of the Windows native layer by name, so that no JNA-backed class is linked before the caller
 * checked the OS. A refusal thrown by the constructor itself (e.g. {@code io.etw4j.core.UnsupportedPlatformException}
 * on a 32-bit JVM) reaches the caller as itself, not wrapped in a "missing" error. Stateless.
 */
public final class WindowsClasses {
    private WindowsClasses() {
    }

    /**
     * A new instance of {@code className} (public no-argument constructor), as {@code type}.
     *
     * @param what names the component in error messages ("Windows native layer")
     * @throws IllegalStateException if the class is missing or its constructor fails with a checked exception
     */
    public static <T> T instantiate(String className, Class<T> type, String what) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("etw4j " + what + " failed to start", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("etw4j " + what + " missing", e);
        }
    }
}
