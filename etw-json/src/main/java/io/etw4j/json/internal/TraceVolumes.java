package io.etw4j.json.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * Reads the device-to-drive table of a trace from KernelTraceControl's SysConfig VolumeMapping records (class
 * {9b79ee91-b5fd-41c0-a243-4248e266e9d0}, opcode 35, decoded by etw-decode's kernel MOF table: NtPath, DosPath).
 * Trailing backslashes are dropped from both ({@code \Device\HarddiskVolume2\} to {@code C:\} becomes
 * {@code \Device\HarddiskVolume2} to {@code C:}); the first mapping of a device wins. At most {@value #MAX} pairs are
 * kept (hostile input bounded). Stateless.
 */
public final class TraceVolumes {
    /** KernelTraceControl's SysConfig event class (TraceEvent's SysConfigTaskGuid). */
    public static final UUID SYS_CONFIG = UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0");
    /** The VolumeMapping opcode. */
    public static final int VOLUME_MAPPING = 35;
    static final int MAX = 1024;

    private TraceVolumes() {
    }

    /** {@return the table of the VolumeMapping records among {@code records}}, reading them to the end (blocks) */
    public static Map<String, String> read(Flux<EventRecord> records) {
        EventDecoder decoder = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        Map<String, String> table = new LinkedHashMap<>();
        records.filter(r -> r.providerId().equals(SYS_CONFIG) && r.descriptor().opcode() == VOLUME_MAPPING)
                .doOnNext(r -> add(table, decoder.decode(r)))
                .blockLast();
        return Map.copyOf(table);
    }

    static void add(Map<String, String> table, DecodedEvent d) {
        Object nt = d.field("NtPath").orElse(null);
        Object dos = d.field("DosPath").orElse(null);
        if (nt instanceof String n && dos instanceof String s && !n.isEmpty() && !s.isEmpty() && table.size() < MAX) {
            table.putIfAbsent(trim(n), trim(s));
        }
    }

    private static String trim(String p) {
        return p.endsWith("\\") ? p.substring(0, p.length() - 1) : p;
    }
}
