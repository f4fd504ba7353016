package io.etw4j.decode.internal.eventinfo;

import static io.etw4j.decode.internal.eventinfo.TdhLayout.*;

import io.etw4j.decode.ValueMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one EVENT_MAP_INFO (tdh.h; what TdhGetEventMapInformation returns and what a KernelTraceControl MetaData
 * EventMapInfo record carries after its provider GUID) into a {@link ValueMap}. Offsets in the structure are from its
 * own start. Stateless; never throws on any bytes (a map that cannot be read gives empty).
 *
 * <p>Kinds: a manifest value map, a WBEM value map and a WBEM "no map" (entry i names the value i) become value maps;
 * a manifest bit map, a WBEM bit map, and a WBEM value map with EVENTMAP_INFO_FLAG_WBEM_FLAG become bit maps (the
 * rule of the learn.microsoft.com sample "Using TdhFormatProperty to Consume Event Data"). A WBEM bit map's entry
 * values are taken as masks (inferred; not documented). Pattern maps name patterns, not numbers: not supported
 * (empty). Entry names lose their trailing blanks: TDH keeps the manifest's trailing space ("static " in the
 * DNS-Client map of net.4.5.2.x64.etl) and TraceEvent shows them without it.
 */
public final class EventMapInfoParser {
    /** The most entries read from one map (a bound against counts read from bad data). */
    static final int MAX_ENTRIES = 1 << 16;

    private EventMapInfoParser() {
    }

    /** The map in {@code b[off, off+len)}, if it can be read. */
    public static Optional<ValueMap> parse(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < EMI_ENTRY_ARRAY || off > b.length - len) {
            return Optional.empty();
        }
        try {
            return read(new Blob(b, off, off + len));
        } catch (RuntimeException e) {
            return Optional.empty(); // defensive: a bug here must not fail a stream
        }
    }

    private static Optional<ValueMap> read(Blob m) {
        String name = m.utf16z(m.u32(EMI_NAME_OFFSET));
        int flag = (int) m.u32(EMI_FLAG);
        long count = m.u32(EMI_ENTRY_COUNT);
        long valueType = m.u32(EMI_VALUE_TYPE);
        if ((flag & MAP_MANIFEST_PATTERNMAP) != 0) {
            return Optional.empty();
        }
        boolean bitmap = (flag & (MAP_MANIFEST_BITMAP | MAP_WBEM_BITMAP)) != 0
                || ((flag & MAP_WBEM_VALUEMAP) != 0 && (flag & ~MAP_WBEM_VALUEMAP) == MAP_WBEM_FLAG);
        boolean byIndex = (flag & MAP_WBEM_NO_MAP) != 0;
        long fit = (m.length() - EMI_ENTRY_ARRAY) / EME_SIZE;
        long n = Math.min(Math.min(count, fit), MAX_ENTRIES);
        Map<Long, String> entries = new LinkedHashMap<>();
        // Entries pointing at one string share its decoded (and stripped) copy: Blob decodes each offset once.
        Map<String, String> stripped = new IdentityHashMap<>();
        for (long i = 0; i < n; i++) {
            long e = EMI_ENTRY_ARRAY + i * EME_SIZE;
            String out = m.utf16z(m.u32(e + EME_OUTPUT_OFFSET));
            if (out == null) {
                continue;
            }
            Long value;
            if (byIndex) {
                value = i;
            } else if (valueType == MAP_VALUETYPE_STRING) {
                value = number(m.utf16z(m.u32(e + EME_VALUE)));
            } else {
                value = m.u32(e + EME_VALUE);
            }
            if (value != null) {
                entries.putIfAbsent(value, stripped.computeIfAbsent(out, String::stripTrailing));
            }
        }
        return Optional.of(new ValueMap(name == null ? "" : name, bitmap, entries));
    }

    /** A decimal or 0x-hex number, or null. */
    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
