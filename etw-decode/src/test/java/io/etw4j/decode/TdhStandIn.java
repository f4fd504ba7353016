package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.PayloadReader;
import io.etw4j.decode.internal.eventinfo.EventMapInfoParser;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.eventinfo.TdhLayout;
import io.etw4j.decode.internal.eventinfo.TraceEventInfoParser;
import io.etw4j.decode.internal.export.TdhBuffers;
import io.etw4j.decode.internal.export.TdhCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A TDH stand-in for the schema export: it answers with real TRACE_EVENT_INFO and EVENT_MAP_INFO blobs, those a
 * trace embeds in its KernelTraceControl MetaData records (net.4.5.2.x64.etl has 61 and 24), as TDH would on the host
 * that wrote them: TdhEnumerateProviders lists each manifest provider they describe (built here to the
 * PROVIDER_ENUMERATION_INFO layout of tdh.h), TdhEnumerateManifestProviderEvents their EVENT_DESCRIPTORs (the 16
 * bytes at TRACE_EVENT_INFO.EventDescriptor, in a PROVIDER_EVENT_INFO), TdhGetManifestEventInformation the blob
 * itself, TdhGetEventMapInformation the map of that name. Extra providers (e.g. a MOF one) can be added.
 */
final class TdhStandIn implements TdhCatalog {
    final Map<UUID, String> names = new LinkedHashMap<>();
    final Map<UUID, Integer> schemaSources = new LinkedHashMap<>();
    final Map<UUID, List<byte[]>> infos = new LinkedHashMap<>();
    final Map<String, byte[]> maps = new LinkedHashMap<>();
    String build = "6.2.9200.16384";
    int eventQueries;

    /** A stand-in with the MetaData blobs of {@code records} (manifest events only, as TDH lists them). */
    static TdhStandIn of(List<EventRecord> records) {
        TdhStandIn t = new TdhStandIn();
        for (EventRecord r : records) {
            if (!EmbeddedEventInfoSchemas.isMetaData(r)) {
                continue;
            }
            byte[] p = r.payload();
            if (r.descriptor().opcode() == EmbeddedEventInfoSchemas.OPCODE_EVENT_INFO) {
                t.addEventInfo(p);
            } else if (p.length >= 16) {
                UUID provider = PayloadReader.of(p, 8).guid();
                byte[] map = Arrays.copyOfRange(p, 16, p.length);
                EventMapInfoParser.parse(map, 0, map.length).ifPresent(m -> t.maps.put(provider + "/" + m.name(), map));
            }
        }
        return t;
    }

    void addEventInfo(byte[] tei) {
        Optional<ParsedEventInfo> info = TraceEventInfoParser.parse(tei, 0, tei.length, SchemaOrigin.TDH,
                n -> Optional.empty());
        if (info.isEmpty() || info.get().decodingSource() != TdhLayout.DECODING_SOURCE_XML_FILE) {
            return;
        }
        UUID provider = info.get().providerGuid();
        names.putIfAbsent(provider, info.get().schema().providerName().orElse(provider.toString()));
        schemaSources.putIfAbsent(provider, TdhBuffers.SCHEMA_SOURCE_MANIFEST);
        List<byte[]> list = infos.computeIfAbsent(provider, k -> new ArrayList<>());
        list.removeIf(b -> Arrays.equals(descriptor(b), descriptor(tei))); // a later description replaces
        list.add(tei);
    }

    static byte[] descriptor(byte[] tei) {
        return Arrays.copyOfRange(tei, TdhLayout.TEI_EVENT_DESCRIPTOR, TdhLayout.TEI_EVENT_DESCRIPTOR + 16);
    }

    @Override
    public Optional<String> windowsBuild() {
        return Optional.ofNullable(build);
    }

    @Override
    public byte[] providers() {
        List<UUID> guids = new ArrayList<>(names.keySet());
        int head = 8 + 0x18 * guids.size();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(head).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(guids.size()).putInt(0);
        for (UUID g : guids) {
            b.put(TdhBuffers.bytes(g)).putInt(schemaSources.get(g)).putInt(head + strings.size());
            strings.writeBytes((names.get(g) + "\0").getBytes(StandardCharsets.UTF_16LE));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    @Override
    public Optional<byte[]> manifestProviderEvents(UUID provider) {
        List<byte[]> list = infos.get(provider);
        if (list == null) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 16 * list.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(list.size()).putInt(0);
        list.forEach(tei -> b.put(descriptor(tei)));
        return Optional.of(b.array());
    }

    @Override
    public Optional<byte[]> manifestEventInformation(UUID provider, byte[] descriptor) {
        eventQueries++;
        for (byte[] tei : infos.getOrDefault(provider, List.of())) {
            if (Arrays.equals(descriptor(tei), descriptor)) {
                return Optional.of(tei.clone());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> eventMapInformation(UUID provider, String name) {
        return Optional.ofNullable(maps.get(provider + "/" + name)).map(byte[]::clone);
    }
}
