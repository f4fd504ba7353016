package io.etw4j.scm.internal.win32;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.scm.internal.correlation.ServiceImageLookup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live image-path lookup on Windows: reads {@code HKLM\SYSTEM\CurrentControlSet\Services\<name>\ImagePath}
 * (REG_EXPAND_SZ, returned unexpanded as the SCM stored it; learn.microsoft.com "HKLM\SYSTEM\CurrentControlSet\Services
 * Registry Tree"). Used for service creations whose SCM WPP message carries no path (current builds): ScCreateServiceRpc
 * logs the message before ScCreateService writes the key (public decompilation), and etw4j processes the record after
 * ETW delivered it, so the key is normally there by then; when it is not (the creation failed, or the service was
 * deleted already), nothing is returned.
 *
 * <p>Never throws from {@link #imagePath(String)}. Thread-safe. jna-platform's advapi32 is touched only after
 * {@link #create()} checked the OS.
 */
public final class RegistryServiceImages implements ServiceImageLookup {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServiceImages.class);
    /** The services key under HKEY_LOCAL_MACHINE. */
    static final String SERVICES_KEY = "SYSTEM\\CurrentControlSet\\Services\\";
    /** The value holding a service's binary path. */
    static final String IMAGE_PATH_VALUE = "ImagePath";

    /** Reads one registry value under HKEY_LOCAL_MACHINE; a seam for tests. */
    @FunctionalInterface
    interface Reader {
        /** The value's data (String for REG_SZ and REG_EXPAND_SZ), or null if the key or value does not exist. */
        Object read(String key, String value);
    }

    private final Reader reader;

    RegistryServiceImages(Reader reader) {
        this.reader = reader;
    }

    /**
     * The lookup on this Windows host.
     *
     * @throws UnsupportedPlatformException off Windows (before any native library is loaded)
     */
    public static RegistryServiceImages create() {
        UnsupportedPlatformException.requireWindows("Service image path lookup (registry)");
        return new RegistryServiceImages((key, value) -> {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value)) {
                return null;
            }
            return Advapi32Util.registryGetValue(WinReg.HKEY_LOCAL_MACHINE, key, value);
        });
    }

    @Override
    public Optional<String> imagePath(String serviceName) {
        if (serviceName.isEmpty() || serviceName.indexOf('\\') >= 0 || serviceName.indexOf('/') >= 0) {
            return Optional.empty(); // never a path outside the service's own key
        }
        try {
            Object data = reader.read(SERVICES_KEY + serviceName, IMAGE_PATH_VALUE);
            if (data instanceof String s && !s.isEmpty()) {
                return Optional.of(s);
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot read the ImagePath of service {}", serviceName, e);
            return Optional.empty();
        }
    }
}
