package io.etw4j.decode;

import io.etw4j.decode.internal.export.HostTdhCatalog;
import io.etw4j.decode.internal.export.SchemaExporter;
import io.etw4j.decode.internal.export.TdhBuffers;
import io.etw4j.decode.internal.export.TdhCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import java.util.function.Supplier;

/**
 * Exports the event schemas a Windows host knows, once, so its traces decode anywhere: every provider TDH lists
 * (TdhEnumerateProviders), and for a manifest provider every event and version (TdhEnumerateManifestProviderEvents,
 * TdhGetManifestEventInformation, TdhGetEventMapInformation: learn.microsoft.com "TdhEnumerateManifestProviderEvents
 * function (tdh.h)" gives Windows 8.1 / Server 2012 R2 as the minimum; on an older host no events are listed), written
 * as one instrumentation manifest per provider into {@code <root>/<windows build>/<provider guid>.man} with an
 * {@code index.txt} of names and GUIDs. MOF providers are listed in the index only (TDH enumerates no events for
 * them). Load the result anywhere with {@link SchemaFolders#open(Path...)} or {@link ManifestSchemas}.
 *
 * <p><b>Reruns.</b> Idempotent: a file whose content is unchanged is not touched; others are written to a temporary
 * file and moved into place; a symbolic link where a folder or file goes is refused. A run limited to some providers
 * ({@link #providers(Collection)}) keeps the index entries of the others.
 *
 * <p>Immutable and thread-safe; each {@link #exportTo(Path)} queries TDH afresh. tdh.dll is loaded on the first export
 * on Windows; elsewhere {@link #exportTo} throws {@link io.etw4j.core.UnsupportedPlatformException}.
 *
 * <pre>{@code
 * SchemaExport.Report r = SchemaExport.onThisHost().exportTo(Path.of("schemas"));
 * System.out.println(r.manifests() + " manifests in " + r.folder());
 * }</pre>
 */
public final class SchemaExport {
    private final Supplier<TdhCatalog> tdh;
    /** Provider names (lower case) and GUIDs to export; empty: all. */
    private final Set<String> only;

    /**
     * What an export did.
     *
     * @param folder         the build folder written
     * @param windowsBuild   its name: the host's Windows version, or "unknown"
     * @param providers      providers TDH listed (after the filter)
     * @param manifests      manifest files in the folder for them
     * @param events         event versions in those files
     * @param filesWritten   files written (changed or new, the index included)
     * @param filesUnchanged files left untouched because their content was the same
     * @param problems       events TDH gave no usable answer for, events or names a manifest cannot carry
     */
    public record Report(Path folder, String windowsBuild, int providers, int manifests, int events, int filesWritten,
            int filesUnchanged, List<String> problems) {
        public Report {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(windowsBuild, "windowsBuild");
            problems = List.copyOf(problems);
        }
    }

    private SchemaExport(Supplier<TdhCatalog> tdh, Set<String> only) {
        this.tdh = tdh;
        this.only = only;
    }

    /** {@return an export of this host's schemas, through tdh.dll (loaded on the first export, Windows only)} */
    public static SchemaExport onThisHost() {
        return new SchemaExport(HostTdhCatalog::load, Set.of());
    }

    /** An export over any TDH answers (the tests' stand-in). */
    static SchemaExport over(TdhCatalog tdh) {
        Objects.requireNonNull(tdh, "tdh");
        return new SchemaExport(() -> tdh, Set.of());
    }

    /**
     * {@return a copy that exports only the providers named (any case) or whose GUID is given (with or without
     * braces); none given: every provider}
     *
     * @param namesOrGuids provider names or GUIDs
     */
    public SchemaExport providers(Collection<String> namesOrGuids) {
        Set<String> s = new TreeSet<>();
        for (String n : namesOrGuids) {
            String t = n.strip();
            if (t.startsWith("{") && t.endsWith("}")) {
                t = t.substring(1, t.length() - 1);
            }
            s.add(t.toLowerCase(Locale.ROOT));
        }
        return new SchemaExport(tdh, Set.copyOf(s));
    }

    /**
     * Exports into {@code root}/(Windows build).
     *
     * @param root the folder that holds one folder per build
     * @return what was done
     * @throws IOException if a folder or file cannot be written (or is a symbolic link)
     * @throws io.etw4j.core.UnsupportedPlatformException for {@link #onThisHost()} off Windows
     */
    public Report exportTo(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        SchemaExporter.Result r = SchemaExporter.export(tdh.get(), root, this::selected);
        return new Report(r.folder(), r.build(), r.providers(), r.manifests(), r.events(), r.written(),
                r.unchanged(), r.problems());
    }

    private boolean selected(TdhBuffers.Provider p) {
        return only.isEmpty() || only.contains(p.name().toLowerCase(Locale.ROOT))
                || only.contains(p.guid().toString());
    }

}
