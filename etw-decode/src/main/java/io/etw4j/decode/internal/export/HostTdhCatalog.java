package io.etw4j.decode.internal.export;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.internal.win32.Tdh;
import io.etw4j.core.internal.win32.TdhLoader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link TdhCatalog} on a live Windows host: tdh.dll through JNA, loaded by {@link #load()} only (on Windows; elsewhere
 * {@link io.etw4j.core.UnsupportedPlatformException}, nothing native touched). Every call follows the documented
 * two-step protocol (learn.microsoft.com "TdhEnumerateProviders function", "TdhEnumerateManifestProviderEvents
 * function", "TdhGetManifestEventInformation function", "TdhGetEventMapInformation function" (tdh.h)): a size of 0
 * first, ERROR_INSUFFICIENT_BUFFER with the size needed, then the call with a buffer of that size, repeated a bounded
 * number of times while the answer keeps growing. Memory is JNA {@link Memory} freed by the collector; nothing is
 * kept between calls. Not run here (no Windows host): written to the headers and pages cited, exercised by src-it.
 */
public final class HostTdhCatalog implements TdhCatalog {
    /** What the platform exception names. */
    static final String OPERATION = "schema export (tdh.dll TdhEnumerateManifestProviderEvents, "
            + "TdhGetManifestEventInformation)";
    /** How often a call is repeated while TDH asks for a larger buffer. */
    static final int ATTEMPTS = 8;
    /** The largest buffer accepted from TDH (a bound against a bad size). */
    static final int MAX_BUFFER = 64 << 20;
    /** sizeof(EVENT_RECORD) on x64 (evntcons.h), and EventHeader.ProviderId's offset in it. */
    static final int EVENT_RECORD_SIZE = 0x70;
    static final int EVENT_RECORD_PROVIDER_ID = 0x18;

    /**
     * The tdh.dll functions of a schema export that etw-core's binding does not have (tdh.h, Windows 8.1+). Public,
     * and its package opened to JNA (module-info), so JNA's proxy can implement it on the module path.
     */
    public interface TdhManifest extends Library {
        /** {@code TDHSTATUS TdhEnumerateManifestProviderEvents(LPGUID, PPROVIDER_EVENT_INFO, ULONG*)}. */
        int TdhEnumerateManifestProviderEvents(Pointer providerGuid, Pointer buffer, IntByReference bufferSize);

        /** {@code TDHSTATUS TdhGetManifestEventInformation(LPGUID, PEVENT_DESCRIPTOR, PTRACE_EVENT_INFO, ULONG*)}. */
        int TdhGetManifestEventInformation(Pointer providerGuid, Pointer eventDescriptor, Pointer buffer,
                IntByReference bufferSize);
    }

    /** One TDH call with a buffer and its size. */
    private interface Call {
        int run(Pointer buffer, IntByReference size);
    }

    private final Tdh tdh;
    private final TdhManifest manifest;

    private HostTdhCatalog(Tdh tdh, TdhManifest manifest) {
        this.tdh = tdh;
        this.manifest = manifest;
    }

    /** {@return the host's catalog; loads tdh.dll} */
    public static TdhCatalog load() {
        Tdh tdh = TdhLoader.load(Platform.isWindows(), OPERATION);
        return new HostTdhCatalog(tdh, Native.load("tdh", TdhManifest.class));
    }

    /**
     * The version from the registry (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion: CurrentMajorVersionNumber,
     * CurrentMinorVersionNumber (DWORD, Windows 10+), CurrentBuildNumber (string), UBR (DWORD)); empty if any is
     * missing (documented by no API page; the values winver shows, inferred).
     */
    @Override
    public Optional<String> windowsBuild() {
        String key = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
        try {
            int major = Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, "CurrentMajorVersionNumber");
            int minor = Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, "CurrentMinorVersionNumber");
            String build = Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, "CurrentBuildNumber");
            int ubr = Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, "UBR");
            return Optional.of(major + "." + minor + "." + build.strip() + "." + ubr);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] providers() {
        return call(tdh::TdhEnumerateProviders).orElse(new byte[0]);
    }

    @Override
    public Optional<byte[]> manifestProviderEvents(UUID provider) {
        Memory guid = memory(TdhBuffers.bytes(provider));
        try {
            return call((b, s) -> manifest.TdhEnumerateManifestProviderEvents(guid, b, s));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty(); // before Windows 8.1: tdh.dll has no such function
        }
    }

    @Override
    public Optional<byte[]> manifestEventInformation(UUID provider, byte[] descriptor) {
        Memory guid = memory(TdhBuffers.bytes(provider));
        Memory d = memory(descriptor);
        try {
            return call((b, s) -> manifest.TdhGetManifestEventInformation(guid, d, b, s));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    /**
     * TdhGetEventMapInformation needs an EVENT_RECORD; only its EventHeader.ProviderId is filled (the rest zero):
     * TDH finds the provider's manifest by it (inferred: the page names no other field it reads).
     */
    @Override
    public Optional<byte[]> eventMapInformation(UUID provider, String name) {
        Memory record = new Memory(EVENT_RECORD_SIZE);
        record.clear();
        record.write(EVENT_RECORD_PROVIDER_ID, TdhBuffers.bytes(provider), 0, 16);
        byte[] utf16 = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        Memory mapName = memory(utf16);
        return call((b, s) -> tdh.TdhGetEventMapInformation(record, mapName, b, s));
    }

    private static Memory memory(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    private static Optional<byte[]> call(Call c) {
        IntByReference size = new IntByReference(0);
        int status = c.run(null, size);
        for (int i = 0; i < ATTEMPTS && status == Tdh.ERROR_INSUFFICIENT_BUFFER; i++) {
            int n = size.getValue();
            if (n <= 0 || n > MAX_BUFFER) {
                return Optional.empty();
            }
            Memory buffer = new Memory(n);
            buffer.clear();
            status = c.run(buffer, size);
            if (status == Tdh.ERROR_SUCCESS) {
                int used = Math.min(Math.max(size.getValue(), 0), n);
                return Optional.of(buffer.getByteArray(0, used == 0 ? n : used));
            }
        }
        return Optional.empty();
    }
}
