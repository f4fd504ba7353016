package io.etw4j.decode.internal.tracelogging;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A provider's traits (extended data item PROV_TRAITS), as learn.microsoft.com "Provider Traits" lays them out:
 * {@code UINT16 TraitsSize} (the whole blob, this field included), the provider name (UTF-8, NUL-terminated), then
 * zero or more traits, each {@code UINT16 TraitSize} (this trait, this field included), {@code UINT8 Type}
 * (ETW_PROVIDER_TRAIT_TYPE: 1 = EtwProviderTraitTypeGroup, whose data is the group GUID), data. Immutable.
 *
 * @param providerName the provider's name
 * @param group        the provider group GUID, if the traits hold one
 */
public record TlProviderTraits(String providerName, Optional<UUID> group) {
    /** ETW_PROVIDER_TRAIT_TYPE EtwProviderTraitTypeGroup (evntcons.h, "Provider Traits"). */
    static final int TRAIT_GROUP = 1;

    public TlProviderTraits {
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(group, "group");
    }

    /**
     * The traits in {@code data}, or empty if they are malformed (size outside the data, no NUL after the name, a
     * trait that overruns the blob). Never throws.
     */
    public static Optional<TlProviderTraits> parse(byte[] data) {
        if (data == null || data.length < 3) {
            return Optional.empty();
        }
        int size = TlMetadataParser.u16(data, 0);
        if (size < 3 || size > data.length) {
            return Optional.empty();
        }
        int nul = TlMetadataParser.nul(data, 2, size);
        if (nul < 0) {
            return Optional.empty();
        }
        String name = TlMetadataParser.utf8(data, 2, nul);
        Optional<UUID> group = Optional.empty();
        int pos = nul + 1;
        while (pos < size) {
            if (size - pos < 3) {
                return Optional.empty();
            }
            int traitSize = TlMetadataParser.u16(data, pos);
            if (traitSize < 3 || traitSize > size - pos) {
                return Optional.empty();
            }
            int type = data[pos + 2] & 0xFF;
            if (type == TRAIT_GROUP && traitSize >= 3 + 16 && group.isEmpty()) {
                group = Optional.of(TlMetadataParser.guid(data, pos + 3));
            }
            pos += traitSize;
        }
        return Optional.of(new TlProviderTraits(name, group));
    }
}
