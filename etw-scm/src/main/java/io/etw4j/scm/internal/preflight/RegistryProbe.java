package io.etw4j.scm.internal.preflight;

import java.util.OptionalInt;

/** Reads REG_DWORD values under HKEY_LOCAL_MACHINE (the 64-bit view). May throw when a value cannot be read. */
@FunctionalInterface
public interface RegistryProbe {
    /**
     * The value {@code valueName} of {@code HKLM\keyPath}.
     *
     * @return empty when the key or the value does not exist
     */
    OptionalInt localMachineDword(String keyPath, String valueName);
}
