package io.etw4j.samples.command;

import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.ManifestException;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.SchemaFolders;
import io.etw4j.decode.TdhSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.session.ProviderNames;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link EventDecoder} the samples' {@code --decode} options use, with the schema sources in the order etw-decode
 * recommends: the event's own TraceLogging metadata, the event information embedded in the file, the manifests given,
 * the schema folders given ({@code --schemas}, after the manifests: a manifest named on the command line wins),
 * EventSource manifests found in the trace, and the kernel MOF classes. Stateless.
 */
final class Decoders {
    private Decoders() {
    }

    /** A decoder for a live session: {@link #forFiles} followed by TDH on this host (Windows only). */
    static EventDecoder live(List<Path> manifests) {
        return live(manifests, List.of());
    }

    /** As {@link #live(List)}, with the schema folders at {@code schemas} (this host's build preferred: none known). */
    static EventDecoder live(List<Path> manifests, List<Path> schemas) {
        EventDecoder files = forFiles(manifests, schemas, null);
        EventDecoder.Builder b = EventDecoder.builder();
        files.sources().forEach(b::add);
        return b.add(TdhSchemas.create()).build();
    }

    /**
     * A decoder for kernel records (NT Kernel Logger, system logger): the shipped kernel MOF classes, then, with
     * {@code tdhLast} (Windows only), TDH on this host for the classes or versions the table does not have.
     */
    static EventDecoder kernel(boolean tdhLast) {
        EventDecoder.Builder b = EventDecoder.builder().add(KernelMofSchemas.create());
        if (tdhLast) {
            b.add(TdhSchemas.create());
        }
        return b.build();
    }

    /**
     * The manifests at {@code manifests} (files or folders), loaded.
     *
     * @throws IllegalArgumentException with the loader's message if one does not load
     */
    static ManifestSchemas manifests(List<Path> manifests) {
        ManifestSchemas loaded = ManifestSchemas.create();
        for (Path m : manifests) {
            try {
                loaded.load(m);
            } catch (ManifestException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return loaded;
    }

    /**
     * The manifests etw-scm ships for its providers (Microsoft-Windows-Services, Microsoft-Windows-Kernel-Process), as
     * resources of its jar, loaded: they give those events their names in summaries.
     */
    static ManifestSchemas scmManifests() {
        ManifestSchemas m = ManifestSchemas.create();
        ClassLoader loader = io.etw4j.scm.ScmProviders.class.getClassLoader();
        m.loadResource(loader, "io/etw4j/scm/manifests/Microsoft-Windows-Services.man");
        m.loadResource(loader, "io/etw4j/scm/manifests/Microsoft-Windows-Kernel-Process.man");
        return m;
    }

    /**
     * A decoder for summaries: as {@link #forFiles}, with etw-scm's shipped manifests after the given ones.
     *
     * @throws IllegalArgumentException with the loader's message if one does not load
     */
    static EventDecoder forSummary(List<Path> manifests, List<Path> schemas) {
        EventDecoder.Builder b = EventDecoder.builder()
                .add(TraceLoggingSchemas.create())
                .add(EmbeddedEventInfoSchemas.create())
                .add(manifests(manifests));
        SchemaFolders folders = folders(schemas, null);
        if (folders != null) {
            b.add(folders);
        }
        return b.add(scmManifests())
                .add(EventSourceSchemas.create())
                .add(KernelMofSchemas.create())
                .build();
    }

    /** A decoder for an .etl file or a session, with the manifests at {@code manifests} (files or folders). */
    static EventDecoder forFiles(List<Path> manifests) {
        return forFiles(manifests, List.of(), null);
    }

    /**
     * A decoder for an .etl file or a session, with the manifests at {@code manifests} and the schema folders at
     * {@code schemas}, preferring the build of the Windows that wrote {@code header} (null: the newest).
     *
     * @throws IllegalArgumentException with the loader's message if a manifest or a schema folder does not load
     */
    static EventDecoder forFiles(List<Path> manifests, List<Path> schemas, LogfileHeader header) {
        ManifestSchemas loaded = manifests(manifests);
        EventDecoder.Builder b = EventDecoder.builder()
                .add(TraceLoggingSchemas.create())
                .add(EmbeddedEventInfoSchemas.create())
                .add(loaded);
        SchemaFolders folders = folders(schemas, header);
        if (folders != null) {
            b.add(folders);
        }
        return b.add(EventSourceSchemas.create())
                .add(KernelMofSchemas.create())
                .build();
    }

    /**
     * The schema folders at {@code schemas}, preferring {@code header}'s build, or null if none are given.
     *
     * @throws IllegalArgumentException with the loader's message if one cannot be read
     */
    static SchemaFolders folders(List<Path> schemas, LogfileHeader header) {
        if (schemas.isEmpty()) {
            return null;
        }
        try {
            SchemaFolders f = SchemaFolders.open(schemas.toArray(Path[]::new));
            return header == null ? f : f.preferring(header);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The names of the providers of {@code manifests} then of the schema folders {@code schemas}. */
    static ProviderNames names(ManifestSchemas manifests, List<Path> schemas) {
        SchemaFolders folders = folders(schemas, null);
        return folders == null ? manifests.providerNames() : manifests.providerNames().orElse(folders.providerNames());
    }
}
