package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceList;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The session and provider listings of advapi32.dll, in one place for every etw4j module: the live sessions of
 * etw-core ({@link WindowsEtwNative}) and etw-scm's preflight use this class, and nothing else in etw4j calls
 * QueryAllTracesW or EnumerateTraceGuidsEx.
 *
 * <p>Per call (evntrace.h prototypes; learn.microsoft.com pages of the same names):
 * <ul>
 *   <li>QueryAllTracesW: {@value #MAX_QUERY_ALL_SESSIONS} fresh {@link TracePropertiesBuffer#forControl()} buffers,
 *       never more ("QueryAllTracesW function (evntrace.h)", PropertyArrayCount: "must be less than or equal to 64";
 *       an array larger than the supported maximum is ERROR_INVALID_PARAMETER). ERROR_MORE_DATA means Windows filled
 *       the 64 and more sessions run: the 64 are returned and {@link TraceList#moreNotListed()} says so.</li>
 *   <li>EnumerateTraceGuidsEx(TraceGuidQueryList): no InBuffer; a first call without OutBuffer asks for the size,
 *       then an OutBuffer of ReturnLength bytes (at most {@value #MAX_GUID_INFO_BYTES}, at most
 *       {@value #MAX_GUID_INFO_ATTEMPTS} calls while providers register meanwhile); read by
 *       {@link TraceGuidListReader}.</li>
 *   <li>EnumerateTraceGuidsEx(TraceGuidQueryInfo): the provider GUID as InBuffer, a {@value #FIRST_GUID_INFO_BYTES}-byte
 *       OutBuffer first, grown to the ReturnLength of an ERROR_INSUFFICIENT_BUFFER answer (same limits);
 *       ERROR_WMI_GUID_NOT_FOUND is "no instance"; read by {@link TraceGuidInfoReader}, bounded by ReturnLength.</li>
 * </ul>
 *
 * <p>The buffers use the x64 layouts: obtain an instance with {@link #onThisMachine(int)}, which refuses a 32-bit
 * JVM before advapi32 is loaded. Thread-safe: stateless besides the binding; every call allocates its own buffers.
 */
public final class TraceQueries {
    /** The most EVENT_TRACE_PROPERTIES one QueryAllTracesW call is given (PropertyArrayCount limit, see above). */
    public static final int MAX_QUERY_ALL_SESSIONS = 64;
    /** First OutBuffer size of EnumerateTraceGuidsEx(TraceGuidQueryInfo): room for a few sessions. */
    static final int FIRST_GUID_INFO_BYTES = 1024;
    /** Largest OutBuffer asked for (a bogus ReturnLength must not allocate gigabytes). */
    static final int MAX_GUID_INFO_BYTES = 16 << 20;
    /** Calls before giving up when the needed size keeps growing (providers registering meanwhile). */
    static final int MAX_GUID_INFO_ATTEMPTS = 5;

    private final Advapi32 api;

    /** Over another binding (tests: a Java implementation of {@link Advapi32}). */
    TraceQueries(Advapi32 api) {
        this.api = api;
    }

    /**
     * The listings over the real advapi32.dll, for a JVM whose pointers are {@code pointerSize} bytes wide.
     *
     * @param pointerSize {@code Native.POINTER_SIZE}; an argument so that the refusal can be tested anywhere
     * @param operation   what the exception names as the operation on a 32-bit JVM
     * @throws UnsupportedPlatformException on a 32-bit JVM (checked before anything is loaded) or off Windows
     */
    public static TraceQueries onThisMachine(int pointerSize, String operation) {
        WindowsLibraries.requireX64(pointerSize, operation);
        return new TraceQueries(Advapi32.instance());
    }

    /**
     * The listings over the real advapi32.dll for this JVM.
     *
     * @throws UnsupportedPlatformException on a 32-bit JVM or off Windows
     */
    public static TraceQueries onThisMachine(int pointerSize) {
        return onThisMachine(pointerSize, "the etw4j session and provider listings (QueryAllTracesW, "
                + "EnumerateTraceGuidsEx with x64 layouts)");
    }

    /** {@link #onThisMachine(int)} for this JVM's {@code Native.POINTER_SIZE}. */
    public static TraceQueries onThisMachine() {
        return onThisMachine(Native.POINTER_SIZE);
    }

    /**
     * QueryAllTracesW: the running sessions the caller may query, at most {@value #MAX_QUERY_ALL_SESSIONS}.
     *
     * @throws EtwCallException any error besides ERROR_MORE_DATA, e.g. ERROR_ACCESS_DENIED
     */
    public TraceList queryAllTraces() {
        TracePropertiesBuffer[] buffers = TracePropertiesBuffer.forQueryAll(MAX_QUERY_ALL_SESSIONS);
        Pointer[] array = TracePropertiesBuffer.pointers(buffers);
        IntByReference count = new IntByReference();
        int rc = api.QueryAllTracesW(array, array.length, count);
        Reference.reachabilityFence(buffers);
        if (rc != Win32Errors.ERROR_SUCCESS && rc != Win32Errors.ERROR_MORE_DATA) {
            throw new EtwCallException("QueryAllTracesW", rc);
        }
        boolean more = rc == Win32Errors.ERROR_MORE_DATA;
        // On ERROR_MORE_DATA Windows fills all PropertyArrayCount structures, whatever LoggerCount says.
        int n = more ? buffers.length : Math.max(0, Math.min(count.getValue(), buffers.length));
        List<TraceStatus> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(WindowsEtwNative.status(buffers[i], ""));
        }
        return new TraceList(out, more);
    }

    /**
     * EnumerateTraceGuidsEx(TraceGuidQueryList): the GUIDs of the providers registered right now (RegisterTraceGuids
     * or EventRegister, not yet unregistered), in the order Windows lists them.
     *
     * @throws EtwCallException any error, a ReturnLength above {@value #MAX_GUID_INFO_BYTES}, or a size that kept
     *                          growing
     */
    public Set<UUID> registeredProviders() {
        IntByReference needed = new IntByReference();
        int rc = api.EnumerateTraceGuidsEx(Advapi32.TRACE_GUID_QUERY_LIST, null, 0, null, 0, needed);
        for (int attempt = 0; attempt < MAX_GUID_INFO_ATTEMPTS; attempt++) {
            if (rc == Win32Errors.ERROR_SUCCESS && needed.getValue() == 0) {
                return Set.of();
            }
            if (rc != Advapi32.ERROR_INSUFFICIENT_BUFFER && rc != Win32Errors.ERROR_SUCCESS) {
                throw new EtwCallException("EnumerateTraceGuidsEx", rc, "TraceGuidQueryList");
            }
            long wanted = Integer.toUnsignedLong(needed.getValue());
            if (wanted > MAX_GUID_INFO_BYTES) {
                throw new EtwCallException("EnumerateTraceGuidsEx", rc, "TraceGuidQueryList: ReturnLength "
                        + wanted + " exceeds " + MAX_GUID_INFO_BYTES + " bytes");
            }
            int size = (int) Math.max(wanted, Guids.SIZE);
            Memory out = new Memory(size);
            out.clear();
            rc = api.EnumerateTraceGuidsEx(Advapi32.TRACE_GUID_QUERY_LIST, null, 0, out, size, needed);
            if (rc == Win32Errors.ERROR_SUCCESS) {
                int length = needed.getValue();
                return TraceGuidListReader.read(out, length < 0 || length > size ? size : length);
            }
        }
        throw new EtwCallException("EnumerateTraceGuidsEx", rc, "TraceGuidQueryList: the provider list kept growing");
    }

    /**
     * EnumerateTraceGuidsEx(TraceGuidQueryInfo) for one provider GUID: its registrations and the sessions enabling
     * it.
     *
     * @return the instances; empty if the GUID is neither registered nor enabled by any session
     * @throws EtwCallException any other error, a ReturnLength above {@value #MAX_GUID_INFO_BYTES}, or a size that
     *                          kept growing
     */
    public List<ProviderInstance> providerInstances(UUID providerId) {
        Memory in = new Memory(Guids.SIZE);
        Guids.write(in, 0, providerId);
        int size = FIRST_GUID_INFO_BYTES;
        int rc = Advapi32.ERROR_INSUFFICIENT_BUFFER;
        for (int attempt = 0; attempt < MAX_GUID_INFO_ATTEMPTS; attempt++) {
            Memory out = new Memory(size);
            out.clear();
            IntByReference returned = new IntByReference();
            rc = api.EnumerateTraceGuidsEx(Advapi32.TRACE_GUID_QUERY_INFO, in, Guids.SIZE, out, size, returned);
            Reference.reachabilityFence(in);
            if (rc == Win32Errors.ERROR_SUCCESS) {
                int length = returned.getValue();
                return TraceGuidInfoReader.read(out, length < 0 || length > size ? size : length);
            }
            if (rc == Win32Errors.ERROR_WMI_GUID_NOT_FOUND) {
                return List.of(); // neither registered nor enabled by any session
            }
            if (rc != Advapi32.ERROR_INSUFFICIENT_BUFFER) {
                break;
            }
            long needed = Integer.toUnsignedLong(returned.getValue());
            if (needed > MAX_GUID_INFO_BYTES) {
                throw new EtwCallException("EnumerateTraceGuidsEx", rc, "provider " + providerId
                        + ": ReturnLength " + needed + " exceeds " + MAX_GUID_INFO_BYTES + " bytes");
            }
            size = (int) Math.max(needed, Math.min((long) size * 2, MAX_GUID_INFO_BYTES));
        }
        throw new EtwCallException("EnumerateTraceGuidsEx", rc, "TraceGuidQueryInfo for provider " + providerId
                + (rc == Advapi32.ERROR_INSUFFICIENT_BUFFER ? " (the size needed kept growing)" : ""));
    }
}
