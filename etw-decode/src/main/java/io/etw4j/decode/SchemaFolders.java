package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.decode.internal.ProblemList;
import io.etw4j.decode.internal.export.SchemaFolder;
import io.etw4j.decode.internal.export.SchemaIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas from folders written by {@link SchemaExport} (or laid out the same way: {@code index.txt} and
 * {@code <provider guid>.man} per build folder), several builds side by side: the {@link SchemaOrigin#MANIFEST}
 * source for traces of Windows' own providers on any OS.
 *
 * <p><b>Lazy.</b> {@link #open(Path...)} reads only the indexes (names and GUIDs); a provider's manifest is parsed
 * on the first record of that provider, once, so thousands of providers cost nothing until used. A manifest that does
 * not load is listed in {@link #problems()} and its provider stays without schemas.
 *
 * <p><b>Which build.</b> Each path given is a build folder (it holds an index) or a folder of build folders. The
 * folders are ranked: with {@link #preferring(LogfileHeader)} (or {@link #preferring(String)}), those whose build
 * has the trace's major.minor.build first; then the others, newest build first. A provider is served by the first
 * ranked folder whose index lists a manifest for it; {@link #folderOf(UUID)} and {@link #describe()} say which.
 *
 * <p><b>Versions.</b> The manifests' convention adds fields only at the end, so {@link #newestEarlierVersion}
 * answers for a later event version ({@link EventDecoder} uses it unless told not to).
 *
 * <p>Thread-safe; immutable but for the manifests loaded on first use.
 */
public final class SchemaFolders implements SchemaSource {
    private final List<SchemaFolder> folders;
    private final Optional<String> preferred;
    private final Map<UUID, Optional<ManifestSchemas>> loaded = new ConcurrentHashMap<>();
    private final ProblemList problems = new ProblemList();
    private final Map<String, UUID> guidsByName;
    private final Map<UUID, String> namesByGuid;

    private SchemaFolders(List<SchemaFolder> folders, Optional<String> preferred) {
        this.preferred = preferred;
        this.folders = SchemaFolder.ranked(folders, preferred.orElse(null));
        Map<String, UUID> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<UUID, String> byGuid = new ConcurrentHashMap<>();
        for (SchemaFolder f : this.folders) {
            for (SchemaIndex.Entry e : f.entries().values()) {
                if (!e.name().isEmpty()) {
                    byName.putIfAbsent(e.name(), e.guid());
                }
                byGuid.putIfAbsent(e.guid(), e.name());
            }
        }
        this.guidsByName = Collections.unmodifiableMap(byName);
        this.namesByGuid = byGuid;
    }

    /**
     * {@return the schema folders under {@code paths} (each a build folder or a folder of them), indexes read}
     *
     * @throws ManifestException if a path is not a readable folder or holds no index
     */
    public static SchemaFolders open(Path... paths) {
        List<SchemaFolder> found = new ArrayList<>();
        for (Path p : paths) {
            found.addAll(SchemaFolder.find(Objects.requireNonNull(p, "path")));
        }
        return new SchemaFolders(found, Optional.empty());
    }

    /** {@return a copy that ranks first the folders of {@code build} ("10.0.22631", more parts ignored)} */
    public SchemaFolders preferring(String build) {
        return new SchemaFolders(folders, Optional.of(build));
    }

    /**
     * {@return a copy that ranks first the folders of the Windows that wrote the trace: the header's Version (major,
     * minor) and ProviderVersion (the build number)}
     */
    public SchemaFolders preferring(LogfileHeader header) {
        int v = header.version();
        return preferring((v & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + header.providerVersion());
    }

    /** {@return the build folders, in rank order} */
    public List<Path> folders() {
        return folders.stream().map(SchemaFolder::path).toList();
    }

    /** {@return the folder that serves {@code provider}, if any lists a manifest for it} */
    public Optional<Path> folderOf(UUID provider) {
        return serving(provider).map(SchemaFolder::path);
    }

    private Optional<SchemaFolder> serving(UUID provider) {
        for (SchemaFolder f : folders) {
            SchemaIndex.Entry e = f.entries().get(provider);
            if (e != null && e.file().isPresent()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** {@return one line saying which folders are used, in rank order, and why the first comes first} */
    public String describe() {
        if (folders.isEmpty()) {
            return "no schema folders";
        }
        SchemaFolder first = folders.get(0);
        String why = preferred.isEmpty() ? "the newest build (the trace's build not given)"
                : first.matches(preferred.get()) ? "its build matches the trace's " + preferred.get()
                : "the newest build (none matches the trace's " + preferred.get() + ")";
        return folders.size() + " schema folder(s), " + first.path() + " (build " + first.build() + ") first: " + why
                + (folders.size() > 1 ? "; then " + folders.subList(1, folders.size()).stream()
                        .map(f -> f.build()).toList() : "");
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.MANIFEST;
    }

    private Optional<ManifestSchemas> manifests(UUID provider) {
        if (provider == null || !namesByGuid.containsKey(provider)) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(provider, p -> serving(p).flatMap(f -> {
            try {
                return Optional.of(ManifestSchemas.create(f.manifest(p)));
            } catch (ManifestException | IllegalArgumentException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        }));
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        return record == null ? Optional.empty() : manifests(record.providerId()).flatMap(m -> m.schemaFor(record));
    }

    @Override
    public Optional<VersionedSchema> newestEarlierVersion(EventRecord record) {
        return record == null ? Optional.empty()
                : manifests(record.providerId()).flatMap(m -> m.newestEarlierVersion(record));
    }

    @Override
    public Optional<String> providerName(UUID providerId) {
        return providerId == null ? Optional.empty() : Optional.ofNullable(namesByGuid.get(providerId));
    }

    /**
     * {@return the providers the indexes name, for {@code Provider.named} on any OS} Names match without regard to
     * case; a name in several folders resolves to the first ranked. MOF providers are listed too.
     */
    public ProviderNames providerNames() {
        return ProviderNames.of(guidsByName);
    }

    /** {@return how many providers' manifests were parsed so far} */
    public int loadedProviders() {
        return (int) loaded.values().stream().filter(Optional::isPresent).count();
    }

    /** {@return the manifests that did not load, one line each (the first 100, then a count)} */
    public List<String> problems() {
        return problems.lines();
    }
}
