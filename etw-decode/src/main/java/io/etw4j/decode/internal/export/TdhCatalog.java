package io.etw4j.decode.internal.export;

import java.util.Optional;
import java.util.UUID;

/**
 * The TDH answers a schema export needs, as the bytes tdh.dll writes (tdh.h structures), so the same parsing serves a
 * live host ({@link HostTdhCatalog}) and a stand-in fed with real TRACE_EVENT_INFO blobs (the tests'). Implementations
 * never throw for a provider or event TDH does not know: they answer empty. Used from one thread at a time.
 */
public interface TdhCatalog {

    /** {@return the host's Windows version as "major.minor.build.revision" (e.g. 10.0.22631.4460), if known} */
    Optional<String> windowsBuild();

    /** {@return TdhEnumerateProviders' PROVIDER_ENUMERATION_INFO: every provider registered on the host} */
    byte[] providers();

    /**
     * {@return TdhEnumerateManifestProviderEvents' PROVIDER_EVENT_INFO for {@code provider}: its manifest's event
     * descriptors; empty when the host has no such function (before Windows 8.1) or no manifest events for it}
     *
     * @param provider the provider GUID
     */
    Optional<byte[]> manifestProviderEvents(UUID provider);

    /**
     * {@return TdhGetManifestEventInformation's TRACE_EVENT_INFO for one event of {@code provider}, if TDH has it}
     *
     * @param provider   the provider GUID
     * @param descriptor the 16-byte EVENT_DESCRIPTOR, as PROVIDER_EVENT_INFO lists it
     */
    Optional<byte[]> manifestEventInformation(UUID provider, byte[] descriptor);

    /**
     * {@return TdhGetEventMapInformation's EVENT_MAP_INFO of map {@code name} of {@code provider}, if TDH has it}
     *
     * @param provider the provider GUID
     * @param name     the map name a TRACE_EVENT_INFO property gives
     */
    Optional<byte[]> eventMapInformation(UUID provider, String name);
}
