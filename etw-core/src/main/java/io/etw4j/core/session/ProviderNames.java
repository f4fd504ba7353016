package io.etw4j.core.session;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.ProviderNameSources;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A source of ETW provider names: it turns a name such as {@code Microsoft-Windows-Kernel-Process} into the provider's
 * control GUID, which is what {@link Provider} and ETW itself work with. {@link Provider#named(String, ProviderNames)}
 * uses one and reports an unknown name as an {@link UnknownProviderException} listing close matches.
 *
 * <p>Sources:
 * <ul>
 *   <li>{@link #live()}: the providers registered on this Windows host (a manifest or a MOF class), as
 *       TdhEnumerateProviders lists them. Windows only.</li>
 *   <li>{@link #of(Map)}: a fixed table, e.g. names a program knows in advance; works on any OS.</li>
 *   <li>{@link #eventSource()}: the GUID a .NET EventSource derives from its name; it answers for every name.</li>
 *   <li>etw-decode's {@code ManifestSchemas.providerNames()}: the providers of the manifests loaded there, any OS.</li>
 * </ul> Chain them with {@link #orElse(ProviderNames)}, e.g.
 * {@code ProviderNames.live().orElse(ProviderNames.eventSource())} (registered providers first, then the EventSource
 * convention for names TDH does not list: TDH lists providers that registered a manifest or a MOF class, which an
 * EventSource does only if its manifest was installed; inferred from the TdhEnumerateProviders documentation).
 *
 * <p><b>Case.</b> Names are matched without regard to case, as TraceEvent does for the names TdhEnumerateProviders
 * lists (microsoft/perfview src/TraceEvent/TraceEventSession.cs, {@code ProviderNameToGuid}: a dictionary with
 * {@code StringComparer.OrdinalIgnoreCase}) and as .NET does for EventSource names (it upper-cases them before
 * hashing). Implementations use {@link String#CASE_INSENSITIVE_ORDER}.
 *
 * <p><b>Thread-safety and lifetime.</b> The sources made by this interface's factories are immutable or, for
 * {@link #live()}, take one snapshot on first use and are thread-safe; they hold no native resource and need no
 * closing. An implementation of this interface must be thread-safe too.
 */
public interface ProviderNames {

    /**
     * {@return the control GUID of the provider named {@code name} (any case), or empty if this source does not know
     * the name}
     *
     * @param name the provider name, e.g. {@code Microsoft-Windows-Kernel-Process}
     * @throws NullPointerException if {@code name} is null
     * @throws EtwException         if the source itself fails (e.g. TdhEnumerateProviders, as an
     *                              {@link EtwCallException})
     */
    Optional<UUID> find(String name);

    /**
     * {@return every name this source can list, with its GUID, sorted without regard to case, read-only} A source
     * that derives GUIDs from any name ({@link #eventSource()}) lists none. Used to suggest close matches for an
     * unknown name.
     *
     * @throws EtwException if the source itself fails
     */
    Map<String, UUID> all();

    /**
     * {@return a source that asks this one first and {@code next} for the names this one does not know} Its
     * {@link #all()} holds the names of both, this source's GUID winning for a name both list.
     *
     * @param next the source asked second
     */
    default ProviderNames orElse(ProviderNames next) {
        return ProviderNameSources.chain(this, next);
    }

    /**
     * The providers registered on this host: one TdhEnumerateProviders call (tdh.dll; learn.microsoft.com
     * "TdhEnumerateProviders function (tdh.h)"), made on the first {@link #find} or {@link #all} and kept for the
     * life of the returned source; ask again for a fresh list. The buffer is grown and the call repeated while TDH
     * answers ERROR_INSUFFICIENT_BUFFER (providers registering meanwhile), a bounded number of times. A name TDH
     * lists twice (in different cases, or once as a manifest and once as a MOF class) resolves to the first listed.
     *
     * @return the live source; nothing is enumerated yet
     * @throws UnsupportedPlatformException unless the JVM runs on Windows (checked before any native library is
     *                                      loaded)
     */
    static ProviderNames live() {
        return ProviderNameSources.live();
    }

    /**
     * A fixed table of names.
     *
     * @param guidsByName provider name to control GUID; copied
     * @return a source answering from a copy of {@code guidsByName}
     * @throws IllegalArgumentException if a name is empty, or two names differ only in case and map to different
     *                                  GUIDs
     * @throws NullPointerException     if the map, a name or a GUID is null
     */
    static ProviderNames of(Map<String, UUID> guidsByName) {
        return ProviderNameSources.of(guidsByName);
    }

    /**
     * The .NET EventSource convention: an EventSource that declares no GUID gets one derived from its name (SHA-1
     * over a fixed namespace and the upper-cased name; {@code EventSource.GetGuid} in .NET, TraceEvent's
     * {@code TraceEventProviders.GetEventSourceGuidFromName}). This
     * source answers every non-empty name, so put it last in a chain. It is right only for EventSources without an
     * explicit GUID: {@code System.Runtime} (the runtime's counters) has the derived GUID
     * {@code 49592c0f-5a05-516d-aa4b-a64e02026c89}, but {@code System.Diagnostics.Eventing.FrameworkEventSource}
     * declares {@code 8e9f5090-2d75-4d03-8a81-e5afbf85daf1} instead, and manifest-based providers such as
     * {@code Microsoft-Windows-DotNETRuntime} have GUIDs of their own.
     *
     * @return the EventSource source; its {@link #all()} is empty
     */
    static ProviderNames eventSource() {
        return ProviderNameSources.eventSource();
    }
}
