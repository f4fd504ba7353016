package io.etw4j.core.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.etw4j.core.UnsupportedPlatformException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where etw4j loads a Windows DLL through JNA: only on Windows and only on first use, once per binding
 * interface. On any other OS nothing native is touched and a typed {@link UnsupportedPlatformException} naming the
 * operation is thrown instead of JNA's {@link UnsatisfiedLinkError}. The per-binding loaders
 * ({@code Advapi32Loader}, {@code TdhLoader}, etw-decode's {@code TdhLoader}) call it.
 *
 * <p>Thread-safe: a binding is loaded at most once (a concurrent map's atomic computation).
 */
public final class WindowsLibraries {
    private static final ConcurrentHashMap<Class<?>, Library> LOADED = new ConcurrentHashMap<>();

    private WindowsLibraries() {
    }

    /**
     * {@return the binding {@code type} of {@code dll}, loaded on the first call}
     *
     * @param isWindows whether the JVM runs on Windows (an argument, so the other path can be tested anywhere)
     * @param dll       the DLL's name, e.g. {@code "tdh"}
     * @param type      the JNA interface
     * @param operation what the exception names as the operation off Windows
     * @param <T>       the binding type
     * @throws UnsupportedPlatformException unless {@code isWindows}
     */
    public static <T extends Library> T load(boolean isWindows, String dll, Class<T> type, String operation) {
        if (!isWindows) {
            throw new UnsupportedPlatformException(operation, System.getProperty("os.name", "unknown"));
        }
        return type.cast(LOADED.computeIfAbsent(type, t -> Native.load(dll, type)));
    }
}
