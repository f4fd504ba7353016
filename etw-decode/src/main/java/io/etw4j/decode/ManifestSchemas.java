package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.decode.internal.ProblemList;
import io.etw4j.decode.internal.manifest.ManifestContent;
import io.etw4j.decode.internal.manifest.ManifestEvent;
import io.etw4j.decode.internal.manifest.ManifestParser;
import io.etw4j.decode.internal.manifest.ManifestProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Event schemas from instrumentation manifests ({@code .man} / {@code .manifest.xml}) loaded from files, folders
 * (recursively) or the class path: the {@link SchemaOrigin#MANIFEST} source of an {@link EventDecoder}. Events are
 * keyed by {@link SchemaKey} (provider GUID, event id, version); a record is looked up with
 * {@link SchemaKey#ofManifestEvent(EventRecord)}; {@link #schemaFor} and {@link #schema(SchemaKey)} answer exact
 * versions only, {@link #newestEarlierVersion} the newest version below a record's.
 *
 * <p><b>Bad manifests.</b> A load method throws {@link ManifestException} (with the file and, when known, the line)
 * for a file that cannot be read or is not well-formed XML, and for any DTD or entity (refused: no external entity is
 * ever resolved); nothing of that file is used. A well-formed file with problems inside (an unknown in-type, an event
 * naming an undefined template, a bad number ...) loads everything that does not depend on the problem, and lists
 * each problem in {@link #problems()}; a problem costs the smallest part it spoils: one property's names, one event,
 * one template's events, or one provider. A folder is
 * loaded file by file: the good files are loaded, and then the first failure is thrown with the others attached as
 * suppressed exceptions. {@link #schemaFor} and the other lookups never throw.
 *
 * <p><b>Thread-safety.</b> Thread-safe: lookups may run while another thread loads; a load that completes replaces
 * schemas with the same key (the last loaded wins) and is visible to later lookups.
 *
 * <pre>{@code
 * EventDecoder decoder = EventDecoder.builder()
 *         .add(ManifestSchemas.create(Path.of("ClrEtwAll.man")))
 *         .build();
 * }</pre>
 */
public final class ManifestSchemas implements SchemaSource {
    /** The largest manifest file read (a bound against mistaken paths; ClrEtwAll.man is about 0.4 MiB). */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final Map<SchemaKey, EventSchema> schemas = new ConcurrentHashMap<>();
    /** The versions loaded of each (provider, event id), for {@link #newestEarlierVersion}. */
    private final Map<SchemaKey, ConcurrentSkipListMap<Integer, EventSchema>> versions = new ConcurrentHashMap<>();
    private final Map<UUID, String> providerNames = new ConcurrentHashMap<>();
    /** Name (any case) to GUID; the last loaded provider of a name wins, listed under the name's first spelling. */
    private final ConcurrentSkipListMap<String, UUID> guidsByName =
            new ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ProviderNames names = new LoadedNames();
    private final ProblemList problems = new ProblemList();

    private ManifestSchemas() {
    }

    /** {@return an empty source; add manifests with the load methods} */
    public static ManifestSchemas create() {
        return new ManifestSchemas();
    }

    /**
     * {@return a source with the manifests of {@code paths} (files or folders) loaded, as {@link #load(Path)} loads
     * them}
     *
     * @param paths manifest files or folders
     * @throws ManifestException for a file that cannot be read or parsed (after the other files)
     */
    public static ManifestSchemas create(Path... paths) {
        ManifestSchemas s = new ManifestSchemas();
        for (Path p : paths) {
            s.load(p);
        }
        return s;
    }

    /**
     * Loads a manifest file, or every {@code .man} / {@code .manifest.xml} file under a folder (recursively, in path
     * order).
     *
     * @return this
     * @throws ManifestException for a file that cannot be read or parsed (for a folder: after the other files)
     */
    public ManifestSchemas load(Path fileOrFolder) {
        Objects.requireNonNull(fileOrFolder, "fileOrFolder");
        if (!Files.isDirectory(fileOrFolder)) {
            loadFile(fileOrFolder);
            return this;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            files = walk.filter(Files::isRegularFile).filter(ManifestSchemas::isManifestName).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(fileOrFolder.toString(), -1, "cannot list the folder: " + e, e);
        }
        ManifestException first = null;
        for (Path f : files) {
            try {
                loadFile(f);
            } catch (ManifestException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return this;
    }

    /**
     * Loads the manifest class-path resource {@code name} (as {@link ClassLoader#getResourceAsStream}) from
     * {@code loader}.
     *
     * @return this
     * @throws ManifestException if it is absent, unreadable or not a manifest
     */
    public ManifestSchemas loadResource(ClassLoader loader, String name) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(name, "name");
        byte[] xml;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ManifestException("classpath:" + name, -1, "no such resource", null);
            }
            xml = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ManifestException("classpath:" + name, -1, "cannot read: " + e, e);
        }
        return load(xml, "classpath:" + name);
    }

    /**
     * Loads a manifest from its bytes.
     *
     * @param xml    the document
     * @param source its name, for messages
     * @return this
     * @throws ManifestException if it is not a well-formed manifest
     */
    public ManifestSchemas load(byte[] xml, String source) {
        if (xml.length > MAX_FILE_BYTES) {
            throw new ManifestException(source, -1, "larger than " + MAX_FILE_BYTES + " bytes", null);
        }
        add(ManifestParser.parse(xml, source, SchemaOrigin.MANIFEST));
        return this;
    }

    private void loadFile(Path f) {
        byte[] xml;
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new ManifestException(f.toString(), -1, "larger than " + MAX_FILE_BYTES + " bytes", null);
            }
            xml = Files.readAllBytes(f);
        } catch (ManifestException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(f.toString(), -1, "cannot read: " + e, e);
        }
        load(xml, f.toString());
    }

    private void add(ManifestContent content) {
        for (ManifestProvider p : content.providers()) {
            providerNames.put(p.guid(), p.name());
            if (!p.name().isEmpty()) {
                guidsByName.put(p.name(), p.guid());
            }
            for (ManifestEvent e : p.events()) {
                schemas.put(new SchemaKey(p.guid(), e.value(), e.version()), e.schema());
                versions.computeIfAbsent(new SchemaKey(p.guid(), e.value(), 0), k -> new ConcurrentSkipListMap<>())
                        .put(e.version(), e.schema());
            }
        }
        problems.addAll(content.problems());
    }

    static boolean isManifestName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".man") || n.endsWith(".manifest.xml");
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.MANIFEST;
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        if (record == null || record.isTraceMessage()) {
            return Optional.empty();
        }
        return schema(SchemaKey.ofManifestEvent(record));
    }

    /**
     * {@inheritDoc} Instrumentation manifests add fields to a later event version at the end of its template (the
     * practice of Windows' and the .NET runtime's manifests, checked on ClrEtwAll.man by a test; inferred, no
     * Microsoft page states it as a rule for manifests).
     */
    @Override
    public Optional<VersionedSchema> newestEarlierVersion(EventRecord record) {
        if (record == null || record.isTraceMessage()) {
            return Optional.empty();
        }
        ConcurrentSkipListMap<Integer, EventSchema> v = versions.get(new SchemaKey(record.providerId(), record.id(),
                0));
        Map.Entry<Integer, EventSchema> e = v == null ? null : v.lowerEntry(record.descriptor().version());
        return e == null ? Optional.empty() : Optional.of(new VersionedSchema(e.getKey(), e.getValue()));
    }

    /** The schema of {@code key}, if loaded: exactly that version, never an earlier one. */
    public Optional<EventSchema> schema(SchemaKey key) {
        return key == null ? Optional.empty() : Optional.ofNullable(schemas.get(key));
    }

    /** The name of provider {@code guid}, if a loaded manifest defines it. */
    public Optional<String> providerName(UUID guid) {
        return guid == null ? Optional.empty() : Optional.ofNullable(providerNames.get(guid));
    }

    /** The providers loaded: GUID to name (a snapshot). */
    public Map<UUID, String> providers() {
        return Map.copyOf(providerNames);
    }

    /**
     * The providers of the loaded manifests as a {@link ProviderNames}, for {@code Provider.named} without Windows:
     *
     * <pre>{@code
     * ManifestSchemas manifests = ManifestSchemas.create(Path.of("ClrEtwAll.man"));
     * Provider clr = Provider.named("Microsoft-Windows-DotNETRuntime", manifests.providerNames());
     * }</pre>
     *
     * <p>A view, not a copy: manifests loaded later are found too. Names are matched without regard to case; when
     * two loaded providers have the same name, the one loaded last wins (as for schemas). Thread-safe.
     *
     * @return the loaded providers by name
     */
    public ProviderNames providerNames() {
        return names;
    }

    /** {@link #providerNames()}: a view of {@link #guidsByName}. */
    private final class LoadedNames implements ProviderNames {
        @Override
        public Optional<UUID> find(String name) {
            Objects.requireNonNull(name, "name");
            return Optional.ofNullable(guidsByName.get(name));
        }

        @Override
        public Map<String, UUID> all() {
            SortedMap<String, UUID> copy = new TreeMap<>(guidsByName);
            return Collections.unmodifiableSortedMap(copy);
        }

        @Override
        public String toString() {
            return "ManifestSchemas.providerNames() (" + guidsByName.size() + " providers from loaded manifests)";
        }
    }

    /** The number of event schemas loaded. */
    public int size() {
        return schemas.size();
    }

    /**
     * The problems found in the loaded manifests, one line each ("source:line: what"), in load order: the first 100,
     * then one line counting the rest (a hostile manifest cannot grow this list without bound).
     */
    public List<String> problems() {
        return problems.lines();
    }
}
