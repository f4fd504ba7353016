package io.etw4j.scm.internal.win32;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.etw4j.scm.internal.preflight.RegistryProbe;
import java.util.OptionalInt;

/**
 * REG_DWORD values under HKEY_LOCAL_MACHINE in the 64-bit view (KEY_WOW64_64KEY), through jna-platform's
 * Advapi32Util, loaded on the first read. Off Windows every read throws (the caller falls back to its default).
 * Thread-safe (stateless).
 */
public final class LocalMachineDwords implements RegistryProbe {
    private LocalMachineDwords() {
    }

    /** {@return the probe; nothing native is loaded until the first read} */
    public static RegistryProbe lazy() {
        return new LocalMachineDwords();
    }

    @Override
    public OptionalInt localMachineDword(String key, String value) {
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            throw new UnsupportedOperationException("the registry is read on Windows only");
        }
        if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, key, WinNT.KEY_WOW64_64KEY)
                || !Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, value,
                WinNT.KEY_WOW64_64KEY));
    }
}
