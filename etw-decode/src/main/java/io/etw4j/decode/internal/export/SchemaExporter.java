package io.etw4j.decode.internal.export;

import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.eventinfo.EventMapInfoParser;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.eventinfo.TraceEventInfoParser;
import io.etw4j.decode.internal.manifest.ExportedEvent;
import io.etw4j.decode.internal.manifest.ManifestWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The schema export: every provider {@link TdhCatalog} lists (those {@code filter} keeps), for a manifest provider
 * every event version TdhEnumerateManifestProviderEvents lists with TdhGetManifestEventInformation's
 * TRACE_EVENT_INFO (read by the same {@link TraceEventInfoParser} as embedded and live schemas) and its maps, written
 * by {@link ManifestWriter} as {@code <root>/<build>/<guid>.man}, and the index ({@link SchemaIndex}) merged with the
 * folder's earlier one (a filtered rerun keeps the other providers). MOF providers are listed in the index only:
 * TDH enumerates no events for them. Files with the same content are left untouched ({@link SafeFiles}).
 * Stateless; one export at a time per folder.
 */
public final class SchemaExporter {
    /** A Windows version as the folder is named: "10.0.22631.4460" (2 to 4 numbers). */
    static final Pattern BUILD = Pattern.compile("\\d{1,5}(\\.\\d{1,6}){1,3}");
    /** The name of the folder when the host's version is not known. */
    public static final String UNKNOWN_BUILD = "unknown";

    /** What an export did. */
    public record Result(Path folder, String build, int providers, int manifests, int events, int written,
            int unchanged, List<String> problems) {
    }

    private SchemaExporter() {
    }

    /** Exports what {@code tdh} answers into {@code root}/build (see the class comment). */
    public static Result export(TdhCatalog tdh, Path root, Predicate<TdhBuffers.Provider> filter) throws IOException {
        String build = tdh.windowsBuild().filter(b -> BUILD.matcher(b).matches()).orElse(UNKNOWN_BUILD);
        SafeFiles.folder(root);
        Path folder = SafeFiles.folder(root.resolve(build));
        Map<UUID, SchemaIndex.Entry> index = new LinkedHashMap<>();
        for (SchemaIndex.Entry e : SchemaIndex.read(folder).entries()) {
            index.put(e.guid(), e);
        }
        List<String> problems = new ArrayList<>();
        int providers = 0;
        int manifests = 0;
        int events = 0;
        int written = 0;
        int unchanged = 0;
        Map<UUID, Boolean> seen = new HashMap<>();
        for (TdhBuffers.Provider p : TdhBuffers.providers(tdh.providers())) {
            if (!filter.test(p) || seen.put(p.guid(), Boolean.TRUE) != null) {
                continue;
            }
            providers++;
            if (p.schemaSource() != TdhBuffers.SCHEMA_SOURCE_MANIFEST) {
                index.put(p.guid(), new SchemaIndex.Entry(p.guid(), "mof", 0, Optional.empty(), p.name()));
                continue;
            }
            List<ExportedEvent> list = events(tdh, p, problems);
            if (list.isEmpty()) {
                index.put(p.guid(), new SchemaIndex.Entry(p.guid(), "manifest", 0, Optional.empty(), p.name()));
                continue;
            }
            ManifestWriter.Written w = ManifestWriter.write(p.guid(), p.name(), list, "etw4j schema-export of "
                    + p.name() + " {" + p.guid() + "} from TDH on Windows " + build
                    + " (TdhEnumerateManifestProviderEvents, TdhGetManifestEventInformation, TdhGetEventMapInformation)");
            w.problems().forEach(x -> problems.add(p.name() + ": " + x));
            String file = p.guid() + ".man";
            if (SafeFiles.write(folder, file, w.xml()) == SafeFiles.Outcome.WRITTEN) {
                written++;
            } else {
                unchanged++;
            }
            manifests++;
            events += w.events();
            index.put(p.guid(), new SchemaIndex.Entry(p.guid(), "manifest", w.events(), Optional.of(file), p.name()));
        }
        if (SafeFiles.write(folder, SchemaIndex.FILE, SchemaIndex.text(build, index.values()))
                == SafeFiles.Outcome.WRITTEN) {
            written++;
        } else {
            unchanged++;
        }
        return new Result(folder, build, providers, manifests, events, written, unchanged, List.copyOf(problems));
    }

    private static List<ExportedEvent> events(TdhCatalog tdh, TdhBuffers.Provider p, List<String> problems) {
        Optional<byte[]> list = tdh.manifestProviderEvents(p.guid());
        if (list.isEmpty()) {
            return List.of();
        }
        Map<String, Optional<ValueMap>> maps = new HashMap<>();
        List<ExportedEvent> out = new ArrayList<>();
        for (byte[] d : TdhBuffers.descriptors(list.get())) {
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            int id = b.getShort(0) & 0xFFFF;
            int version = b.get(2) & 0xFF;
            Optional<byte[]> tei = tdh.manifestEventInformation(p.guid(), d);
            Optional<ParsedEventInfo> info = tei.flatMap(t -> TraceEventInfoParser.parse(t, 0, t.length,
                    SchemaOrigin.TDH, name -> maps.computeIfAbsent(name, n -> tdh.eventMapInformation(p.guid(), n)
                            .flatMap(m -> EventMapInfoParser.parse(m, 0, m.length)))));
            if (info.isEmpty() || info.get().isClassic() || !info.get().schema().providerId().equals(p.guid())) {
                problems.add(p.name() + ": event " + id + " version " + version + ": TDH gave no usable "
                        + "TRACE_EVENT_INFO");
                continue;
            }
            out.add(new ExportedEvent(id, version, b.getShort(6) & 0xFFFF, b.get(5) & 0xFF, b.get(4) & 0xFF,
                    b.getLong(8), info.get().schema()));
        }
        return out;
    }
}
