package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.internal.ProviderNameSources;
import io.etw4j.core.session.ProviderNames;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link ProviderNames#live()}: the providers TdhEnumerateProviders lists, enumerated once, on the first
 * {@link #find} or {@link #all}, and kept for the life of the instance.
 *
 * <p>The call protocol (learn.microsoft.com "TdhEnumerateProviders function (tdh.h)" and its "Enumerating Providers"
 * sample): a first call with no buffer and size 0 answers ERROR_INSUFFICIENT_BUFFER with the size needed; a buffer of
 * that size is allocated (zeroed) and the call repeated while the answer is ERROR_INSUFFICIENT_BUFFER, since providers
 * may register in between. Bounds: at most {@value #MAX_CALLS} calls and a buffer of at most {@value #MAX_BYTES}
 * bytes; a size needed that does not exceed the buffer just refused is treated as a request to double it. On success
 * {@code *pBufferSize} is the size used; a value of 0 or beyond the buffer is not trusted and the whole buffer is read.
 * Any other status is an {@link EtwCallException}; a malformed buffer an {@link EtwException}
 * ({@link ProviderEnumerationReader}).
 *
 * <p>Thread-safe: the first caller enumerates under a lock, later callers read the published snapshot.
 */
public final class TdhProviderNames implements ProviderNames {
    /** Most TdhEnumerateProviders calls for one enumeration (the size query included). */
    static final int MAX_CALLS = 6;
    /** Largest buffer allocated (a bogus size must not allocate gigabytes; a host lists ~1-2 thousand providers). */
    static final int MAX_BYTES = 32 << 20;

    private final Tdh tdh;
    private volatile SortedMap<String, UUID> snapshot;

    /**
     * Over this host's tdh.dll (instantiated by name from {@link ProviderNameSources#live()} after the OS check).
     *
     * @throws io.etw4j.core.UnsupportedPlatformException unless on Windows
     */
    public TdhProviderNames() {
        this(TdhLoader.load());
    }

    /** Over {@code tdh} (tests use a Java stand-in). */
    TdhProviderNames(Tdh tdh) {
        this.tdh = Objects.requireNonNull(tdh, "tdh");
    }

    @Override
    public Optional<UUID> find(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(snapshot().get(name));
    }

    @Override
    public Map<String, UUID> all() {
        return snapshot();
    }

    private SortedMap<String, UUID> snapshot() {
        SortedMap<String, UUID> s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = enumerate();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private SortedMap<String, UUID> enumerate() {
        TreeMap<String, UUID> t = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byte[] bytes = call();
        for (ProviderEnumerationReader.Entry e : ProviderEnumerationReader.read(bytes, bytes.length)) {
            if (!e.name().isEmpty()) {
                ProviderNameSources.add(t, e.name(), e.guid(), false); // the first listed wins
            }
        }
        return Collections.unmodifiableSortedMap(t);
    }

    /** The PROVIDER_ENUMERATION_INFO bytes TDH filled (exactly the size it reported using, when believable). */
    byte[] call() {
        IntByReference size = new IntByReference(0);
        Memory buffer = null;
        int rc = tdh.TdhEnumerateProviders(null, size);
        for (int calls = 1; ; calls++) {
            if (rc == Tdh.ERROR_SUCCESS) {
                if (buffer == null) {
                    return new byte[0]; // nothing registered at all: nothing to read
                }
                long used = Integer.toUnsignedLong(size.getValue());
                int length = used == 0 || used > buffer.size() ? (int) buffer.size() : (int) used;
                return buffer.getByteArray(0, length);
            }
            if (rc != Tdh.ERROR_INSUFFICIENT_BUFFER) {
                throw new EtwCallException("TdhEnumerateProviders", rc, "listing the registered providers");
            }
            if (calls >= MAX_CALLS) {
                throw new EtwCallException("TdhEnumerateProviders", rc, "the size needed kept growing over "
                        + MAX_CALLS + " calls");
            }
            long needed = Integer.toUnsignedLong(size.getValue());
            long current = buffer == null ? 0 : buffer.size();
            long next = needed > current ? needed : Math.max(current * 2, 4096);
            if (next > MAX_BYTES) {
                throw new EtwCallException("TdhEnumerateProviders", rc, "asked for " + needed
                        + " bytes, more than the " + MAX_BYTES + " etw4j allows");
            }
            buffer = new Memory(next);
            buffer.clear();
            size.setValue((int) next);
            rc = tdh.TdhEnumerateProviders(buffer, size);
        }
    }

    @Override
    public String toString() {
        SortedMap<String, UUID> s = snapshot;
        return "TdhEnumerateProviders (" + (s == null ? "not enumerated yet" : s.size()
                + " providers registered on this host") + ")";
    }
}
