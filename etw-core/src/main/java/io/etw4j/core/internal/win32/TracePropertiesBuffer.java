package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_PROPERTIES;
import java.util.Objects;
import java.util.Optional;

/**
 * One EVENT_TRACE_PROPERTIES allocation: the 0x78-byte structure followed, in the same zeroed block, by the logger
 * (session) name slot and the log file name slot, with Wnode.BufferSize, LoggerNameOffset and LogFileNameOffset set
 * as StartTraceW, ControlTraceW and QueryAllTracesW require (learn.microsoft.com "EVENT_TRACE_PROPERTIES structure",
 * LoggerNameOffset/LogFileNameOffset).
 *
 * <p>Every factory call returns a fresh, zeroed buffer: a buffer that Windows has written back (QUERY, STOP) must not
 * be reused for the next call. Not thread-safe; the native memory lives as long as this object is reachable, so keep
 * it reachable until the Win32 call that uses {@link #pointer()} has returned.
 *
 * <p>Typical use: {@code b = forStart(name)}; set fields on {@link #properties()} (buffer sizes, LogFileMode,
 * Wnode.ClientContext...); {@link #write()}; call StartTraceW with {@link #pointer()}; {@link #read()} to see what
 * Windows wrote back.
 */
public final class TracePropertiesBuffer {
    /** sizeof(EVENT_TRACE_PROPERTIES) on x64 (evntrace.h). */
    public static final int PROPERTIES_SIZE = 0x78;
    /** Name slot size used by {@link #forControl()}: 1024 WCHARs, the longest session name (StartTraceW docs). */
    public static final int MAX_NAME_BYTES = Advapi32.MAX_SESSION_NAME_CHARS * 2;

    private final Memory memory;
    private final EVENT_TRACE_PROPERTIES properties;
    private final int loggerNameOffset;
    private final int loggerNameBytes;
    private final int logFileNameOffset;
    private final int logFileNameBytes;

    private TracePropertiesBuffer(int loggerNameBytes, int logFileNameBytes) {
        this(loggerNameBytes, logFileNameBytes, Advapi32.WNODE_FLAG_TRACED_GUID);
    }

    private TracePropertiesBuffer(int loggerNameBytes, int logFileNameBytes, int wnodeFlags) {
        this.loggerNameOffset = PROPERTIES_SIZE;
        this.loggerNameBytes = loggerNameBytes;
        this.logFileNameOffset = logFileNameBytes == 0 ? 0 : PROPERTIES_SIZE + loggerNameBytes;
        this.logFileNameBytes = logFileNameBytes;
        int total = PROPERTIES_SIZE + loggerNameBytes + logFileNameBytes;
        this.memory = new Memory(total);
        memory.clear();
        this.properties = new EVENT_TRACE_PROPERTIES(memory);
        properties.Wnode.BufferSize = total;
        properties.Wnode.Flags = wnodeFlags;
        properties.LoggerNameOffset = loggerNameOffset;
        properties.LogFileNameOffset = logFileNameOffset;
        properties.write();
    }

    /**
     * A buffer for StartTraceW of a real-time session: a name slot that fits {@code sessionName} and no log file
     * (LogFileNameOffset 0). The name is also copied into its slot; StartTraceW writes the same name there itself
     * (inferred to be harmless: it only overwrites it with the same characters).
     *
     * @throws IllegalArgumentException if the name is empty or longer than 1024 characters with its NUL
     */
    public static TracePropertiesBuffer forStart(String sessionName) {
        return forStart(sessionName, null);
    }

    /**
     * A buffer for StartTraceW with an optional log file ({@code null} for none), each in a slot that fits it.
     *
     * @throws IllegalArgumentException if a name is empty or longer than 1024 characters with its NUL
     */
    public static TracePropertiesBuffer forStart(String sessionName, String logFileName) {
        byte[] name = checkedName("sessionName", sessionName);
        byte[] file = logFileName == null ? new byte[0] : checkedName("logFileName", logFileName);
        TracePropertiesBuffer b = new TracePropertiesBuffer(name.length, file.length);
        b.memory.write(b.loggerNameOffset, name, 0, name.length);
        if (file.length > 0) {
            b.memory.write(b.logFileNameOffset, file, 0, file.length);
        }
        return b;
    }

    /**
     * A buffer for ControlTraceW (QUERY, STOP, FLUSH, UPDATE) and for each element of QueryAllTracesW: room for the
     * longest session name and a log file name of the same size, which Windows writes back.
     */
    public static TracePropertiesBuffer forControl() {
        return new TracePropertiesBuffer(MAX_NAME_BYTES, MAX_NAME_BYTES);
    }

    /**
     * {@code count} fresh buffers for QueryAllTracesW, whose first argument is the array of their addresses
     * ({@link #pointers(TracePropertiesBuffer[])}): each the size of a {@link #forControl()} buffer with only
     * Wnode.BufferSize, LoggerNameOffset and LogFileNameOffset set and every other member zero, Wnode.Flags included
     * ("QueryAllTracesW function (evntrace.h)", learn.microsoft.com: "You only need to set the Wnode.BufferSize,
     * LoggerNameOffset, and LogFileNameOffset members"; PropertyArrayCount "must be less than or equal to 64").
     */
    public static TracePropertiesBuffer[] forQueryAll(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("QueryAllTracesW takes 1..64 buffers: " + count);
        }
        TracePropertiesBuffer[] buffers = new TracePropertiesBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = new TracePropertiesBuffer(MAX_NAME_BYTES, MAX_NAME_BYTES, 0);
        }
        return buffers;
    }

    /** The addresses of {@code buffers}, in order: the PEVENT_TRACE_PROPERTIES* array QueryAllTracesW fills. */
    public static Pointer[] pointers(TracePropertiesBuffer[] buffers) {
        Pointer[] p = new Pointer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            p[i] = buffers[i].pointer();
        }
        return p;
    }

    /** The address to pass as PEVENT_TRACE_PROPERTIES. */
    public Pointer pointer() {
        return memory;
    }

    /** The structure view; change its fields, then {@link #write()}. */
    public EVENT_TRACE_PROPERTIES properties() {
        return properties;
    }

    /** Total bytes of the allocation (= Wnode.BufferSize). */
    public int size() {
        return (int) memory.size();
    }

    /** Copies the structure's fields to native memory (names untouched). */
    public TracePropertiesBuffer write() {
        properties.write();
        return this;
    }

    /** Loads the structure's fields from native memory, e.g. after ControlTraceW(QUERY). */
    public TracePropertiesBuffer read() {
        properties.read();
        return this;
    }

    /**
     * The logger name now in the buffer, read at the LoggerNameOffset found in native memory (Windows may have
     * written it back), bounded by the allocation.
     */
    public String loggerName() {
        return nameAt(memory.getInt(properties.offsetOf("LoggerNameOffset"))).orElse("");
    }

    /** The log file name now in the buffer, if LogFileNameOffset is set and the name is not empty. */
    public Optional<String> logFileName() {
        return nameAt(memory.getInt(properties.offsetOf("LogFileNameOffset"))).filter(s -> !s.isEmpty());
    }

    private Optional<String> nameAt(int offset) {
        if (offset < PROPERTIES_SIZE || offset >= memory.size()) {
            return Optional.empty();
        }
        return Optional.of(WideStrings.read(memory, offset, (int) (memory.size() - offset)));
    }

    private static byte[] checkedName(String what, String s) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.length() + 1 > Advapi32.MAX_SESSION_NAME_CHARS) {
            throw new IllegalArgumentException(what + " must have 1.." + (Advapi32.MAX_SESSION_NAME_CHARS - 1)
                    + " characters: '" + s + "'");
        }
        return WideStrings.bytes(s);
    }
}
