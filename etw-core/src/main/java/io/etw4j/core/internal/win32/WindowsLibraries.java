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

    /** The pointer size (bytes) of the x64 layouts etw4j's structures and buffers use. */
    public static final int X64_POINTER_SIZE = 8;

    /**
     * Refuses a JVM whose pointers are not 8 bytes wide: etw4j's EVENT_TRACE_PROPERTIES, EVENT_TRACE_LOGFILEW and
     * EVENT_RECORD layouts are the x64 ones (a HANDLE or pointer before a field moves every later offset on x86), and
     * a second, unverified layout is not carried. Call it before loading anything.
     *
     * @param pointerSize the JVM's pointer size in bytes ({@code Native.POINTER_SIZE})
     * @param operation   what needs x64, named in the exception
     * @throws UnsupportedPlatformException naming the 64-bit requirement and this JVM's OS, architecture and pointer
     *                                      width, if {@code pointerSize} is not 8
     */
    public static void requireX64(int pointerSize, String operation) {
        if (pointerSize != X64_POINTER_SIZE) {
            throw new UnsupportedPlatformException(operation + " (64-bit JVM only)",
                    System.getProperty("os.name", "unknown") + " " + System.getProperty("os.arch", "") + ", "
                            + pointerSize * 8 + "-bit JVM");
        }
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
