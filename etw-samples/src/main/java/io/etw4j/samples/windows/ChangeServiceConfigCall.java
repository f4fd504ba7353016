package io.etw4j.samples.windows;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * ChangeServiceConfigW (winsvc.h; learn.microsoft.com "ChangeServiceConfigW function (winsvc.h)"), the one
 * service-control function {@code scm-calibrate} and the Windows integration tests call that jna-platform 5.17's
 * {@code com.sun.jna.platform.win32.Advapi32} does not declare (it has ChangeServiceConfig2 but not
 * ChangeServiceConfig). Every other service call goes through jna-platform's binding.
 *
 * <p>Why not an interface: etw4j declares exactly one advapi32 interface (etw-core's internal ETW binding, which the
 * samples may not use: they use public etw4j API only). This is therefore not a second binding but a single JNA
 * {@link Function} looked up by name in advapi32.dll on first use (Windows only), with the stdcall flag
 * jna-platform's own bindings use ({@code StdCallLibrary}; x64 has one convention, so it only matters on x86).
 * Arguments follow the project's JNA rules: DWORD and BOOL as int, strings as NUL-terminated UTF-16LE written
 * explicitly into native memory (never {@code WString}), kept reachable until the call has returned; the
 * unused string and pointer arguments are NULL (unchanged). Stateless, thread-safe.
 */
public final class ChangeServiceConfigCall {
    /** SERVICE_NO_CHANGE (winsvc.h): leave a DWORD setting as it is. Not declared by jna-platform 5.17. */
    public static final int SERVICE_NO_CHANGE = 0xFFFFFFFF;

    private ChangeServiceConfigCall() {
    }

    /** Looked up on the first call only, so that loading this class touches nothing native. */
    private static final class Holder {
        static final Function CHANGE_SERVICE_CONFIG_W =
                Function.getFunction("advapi32", "ChangeServiceConfigW", Function.ALT_CONVENTION);
    }

    /**
     * Calls ChangeServiceConfigW on {@code service}; the load order group, tag, dependencies, account and password
     * stay unchanged (NULL).
     *
     * @param service        a handle with SERVICE_CHANGE_CONFIG access
     * @param serviceType    the new type, or {@link #SERVICE_NO_CHANGE}
     * @param startType      the new start type, or {@link #SERVICE_NO_CHANGE}
     * @param errorControl   the new error control, or {@link #SERVICE_NO_CHANGE}
     * @param binaryPathName the new image path, or {@code null} for unchanged
     * @param displayName    the new display name, or {@code null} for unchanged
     * @return true if the function succeeded (BOOL nonzero); on false, {@code Native.getLastError()} holds the error
     */
    public static boolean change(SC_HANDLE service, int serviceType, int startType, int errorControl,
            String binaryPathName, String displayName) {
        Memory path = wide(binaryPathName);
        Memory display = wide(displayName);
        try {
            return Holder.CHANGE_SERVICE_CONFIG_W.invokeInt(new Object[] {service.getPointer(), serviceType,
                    startType, errorControl, path, null, null, null, null, null, display}) != 0;
        } finally {
            Reference.reachabilityFence(path);
            Reference.reachabilityFence(display);
        }
    }

    /** {@code s} as native UTF-16LE with a 2-byte NUL (an LPCWSTR), or null for null. */
    static Memory wide(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(b.length + 2L);
        m.write(0, b, 0, b.length);
        m.setShort(b.length, (short) 0);
        return m;
    }
}
