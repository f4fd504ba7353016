package io.etw4j.json.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The published OCSF schema ({@code shared/schemas/ocsf}) resolved the way the schema's own server (ocsf-server)
 * compiles it, and a check of one JSON line against it.
 *
 * <p>Resolved here: an event class's attributes are those of its {@code extends} chain (e.g. kernel_extension_activity
 * -> system -> base_event), a child's definition of an attribute merged over its parent's (its {@code requirement}
 * and {@code enum} values added to the parent's); each {@code $include}d profile file ({@code profiles/*.json})
 * contributes its attributes to the class or object that includes it; objects resolve their {@code extends} chain the
 * same way (process -> process_entity, file -> _entity). {@code category_uid} is the uid of the class's category in
 * categories.json (base_event: 0), {@code class_uid} = category_uid * 1000 + the class's uid. An attribute's type is
 * the dictionary's ({@code dictionary.json}); a scalar type's base type is its {@code type} in the dictionary's
 * {@code types} (e.g. timestamp_t -> long_t). The datetime profile (included by base_event) gives every
 * {@code timestamp_t} attribute {@code X} a {@code X_dt} sibling of type datetime_t (the profile's description; the
 * server synthesises those attributes, the files do not list them). A profile's attributes are required only in a
 * line whose {@code metadata.profiles} names the profile. Enum values of an attribute are the dictionary's (0
 * Unknown, 99 Other) plus the class's or object's. Not resolved: object-level
 * {@code at_least_one} constraints and profiles' {@code annotations}.
 *
 * <p>Checked for a line: {@code class_uid} names a class; {@code category_uid}, {@code type_uid} = class_uid * 100 +
 * activity_id, and {@code activity_id} is one of the class's (resolved) enum values; every attribute the class
 * requires is present, and every attribute an emitted object requires; every emitted attribute is defined for its
 * class or object with a compatible JSON type (objects as objects, arrays as arrays); {@code *_id} enum attributes take
 * enum values. {@code unmapped} (type object) is not looked into.
 */
public final class OcsfSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Marks an attribute that a profile added (the name of the profile). */
    private static final String PROFILE = "etw4j-test:profile";

    private final Path root;
    private final JsonNode dictionary;
    private final Map<String, JsonNode> eventFiles = new HashMap<>();
    private final Map<String, JsonNode> objectFiles = new HashMap<>();
    private final Map<Integer, Resolved> classes = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> objects = new HashMap<>();
    private final String version;
    /** The profiles the line being checked applies (its metadata.profiles). */
    private List<String> applied = List.of();

    /** A class: its uid, category uid, name and attributes (name to merged definition). */
    record Resolved(int classUid, int categoryUid, String name, Map<String, JsonNode> attributes) {
    }

    private OcsfSchema(Path root) throws IOException {
        this.root = root;
        this.dictionary = read(root.resolve("dictionary.json"));
        this.version = read(root.resolve("version.json")).path("version").asText();
        JsonNode categories = read(root.resolve("categories.json")).path("attributes");
        try (Stream<Path> s = Files.walk(root.resolve("events"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode n = read(p);
                eventFiles.put(n.path("name").asText(), n);
            }
        }
        try (Stream<Path> s = Files.list(root.resolve("objects"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode n = read(p);
                objectFiles.put(n.path("name").asText(), n);
            }
        }
        for (JsonNode n : eventFiles.values()) {
            if (!n.has("uid") && !n.path("name").asText().equals("base_event")) {
                continue; // a category's base (system, application ...): not a class of its own
            }
            String category = categoryOf(n);
            int categoryUid = category == null || category.equals("other") ? 0
                    : categories.path(category).path("uid").asInt();
            int classUid = categoryUid * 1000 + n.path("uid").asInt();
            classes.put(classUid, new Resolved(classUid, categoryUid, n.path("name").asText(),
                    attributes(eventFiles, n)));
        }
    }

    /** Loads the schema folder. */
    public static OcsfSchema load(Path root) {
        try {
            return new OcsfSchema(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the schema's version} (version.json) */
    public String version() {
        return version;
    }

    /** {@return how many event classes were resolved} */
    public int classCount() {
        return classes.size();
    }

    /** {@return the resolved class of {@code classUid}, or null} */
    Resolved resolvedClass(int classUid) {
        return classes.get(classUid);
    }

    private String categoryOf(JsonNode n) {
        for (JsonNode c = n; c != null; c = c.has("extends") ? eventFiles.get(c.path("extends").asText()) : null) {
            if (c.has("category")) {
                return c.path("category").asText();
            }
        }
        return null;
    }

    /** The attributes of {@code n}: its extends chain's, then its includes', then its own, merged. */
    private Map<String, JsonNode> attributes(Map<String, JsonNode> files, JsonNode n) {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        if (n.has("extends")) {
            JsonNode parent = files.get(n.path("extends").asText());
            if (parent != null) {
                merged.putAll(attributes(files, parent));
            }
        }
        JsonNode attrs = n.path("attributes");
        for (JsonNode inc : attrs.path("$include")) {
            try {
                JsonNode profile = read(root.resolve(inc.asText()));
                String profileName = profile.path("name").asText();
                profile.path("attributes").fields().forEachRemaining(e -> {
                    // a profile's attributes apply (and are required) only when the event applies the profile
                    JsonNode def = e.getValue().deepCopy();
                    if (def.isObject() && !merged.containsKey(e.getKey())) {
                        ((ObjectNode) def).put(PROFILE, profileName);
                    }
                    merge(merged, e.getKey(), def);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        attrs.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("$")) {
                merge(merged, e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    private static void merge(Map<String, JsonNode> merged, String name, JsonNode def) {
        JsonNode old = merged.get(name);
        if (old == null || !old.isObject() || !def.isObject()) {
            merged.put(name, def.deepCopy());
            return;
        }
        ObjectNode m = ((ObjectNode) old).deepCopy();
        def.fields().forEachRemaining(e -> {
            if (e.getKey().equals("enum") && m.has("enum")) {
                ((ObjectNode) m.get("enum")).setAll((ObjectNode) e.getValue());
            } else {
                m.set(e.getKey(), e.getValue());
            }
        });
        merged.put(name, m);
    }

    private Map<String, JsonNode> objectAttributes(String name) {
        return objects.computeIfAbsent(name, k -> {
            JsonNode n = objectFiles.get(k);
            return n == null ? null : attributes(objectFiles, n);
        });
    }

    /** {@return the problems of one line; empty when it conforms} */
    public List<String> check(JsonNode line) {
        List<String> problems = new ArrayList<>();
        Resolved c = classes.get(line.path("class_uid").asInt(-1));
        if (c == null) {
            problems.add("class_uid " + line.path("class_uid") + " names no class");
            return problems;
        }
        if (line.path("category_uid").asInt(-1) != c.categoryUid()) {
            problems.add("category_uid " + line.path("category_uid") + " is not " + c.categoryUid());
        }
        int activity = line.path("activity_id").asInt(-1);
        if (!c.attributes().get("activity_id").path("enum").has(Integer.toString(activity))) {
            problems.add("activity_id " + activity + " is not one of " + c.name() + "'s");
        }
        if (line.path("type_uid").asLong(-1) != c.classUid() * 100L + activity) {
            problems.add("type_uid " + line.path("type_uid") + " is not class_uid * 100 + activity_id");
        }
        List<String> profiles = new ArrayList<>();
        line.path("metadata").path("profiles").forEach(p -> profiles.add(p.asText()));
        this.applied = profiles;
        object(c.name(), c.attributes(), line, problems);
        if (!version.equals(line.path("metadata").path("version").asText())) {
            problems.add("metadata.version is not " + version);
        }
        return problems;
    }

    private void object(String where, Map<String, JsonNode> attrs, JsonNode n, List<String> problems) {
        attrs.forEach((name, def) -> {
            boolean applies = !def.has(PROFILE) || applied.contains(def.path(PROFILE).asText());
            if (applies && "required".equals(def.path("requirement").asText())
                    && (!n.has(name) || n.get(name).isNull())) {
                problems.add(where + ": required attribute " + name + " is missing");
            }
        });
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode def = attrs.get(name);
            String path = where + "." + name;
            if (def == null && name.endsWith("_dt")) {
                String base = name.substring(0, name.length() - 3);
                if (attrs.containsKey(base) && "timestamp_t".equals(typeOf(base))) {
                    if (!e.getValue().isTextual() || !Rfc3339Check.parses(e.getValue().asText())) {
                        problems.add(path + ": not an RFC 3339 datetime_t");
                    }
                    continue;
                }
            }
            if (def == null) {
                problems.add(path + ": not an attribute of " + where);
                continue;
            }
            value(path, name, def, e.getValue(), problems);
        }
    }

    private String typeOf(String attribute) {
        return dictionary.path("attributes").path(attribute).path("type").asText(null);
    }

    private void value(String path, String name, JsonNode def, JsonNode v, List<String> problems) {
        JsonNode dict = dictionary.path("attributes").path(name);
        String type = def.has("type") ? def.path("type").asText() : dict.path("type").asText(null);
        if (type == null) {
            problems.add(path + ": the dictionary has no type for " + name);
            return;
        }
        boolean array = dict.path("is_array").asBoolean(false) || def.path("is_array").asBoolean(false);
        if (array != v.isArray()) {
            problems.add(path + ": " + (array ? "must" : "must not") + " be an array");
            return;
        }
        if (array) {
            for (JsonNode item : v) {
                one(path, type, def, item, problems);
            }
        } else {
            one(path, type, def, v, problems);
        }
    }

    private void one(String path, String type, JsonNode def, JsonNode v, List<String> problems) {
        if (type.equals("object")) {
            return; // unmapped and other free-form objects
        }
        Map<String, JsonNode> obj = type.endsWith("_t") ? null : objectAttributes(type);
        if (obj != null) {
            if (!v.isObject()) {
                problems.add(path + ": is not an object (" + type + ")");
            } else {
                object(path, obj, v, problems);
            }
            return;
        }
        String base = type;
        JsonNode t = dictionary.path("types").path("attributes").path(type);
        if (t.has("type")) {
            base = t.path("type").asText();
        }
        boolean ok;
        switch (base) {
            case "string_t": ok = v.isTextual(); break;
            case "integer_t": case "long_t": ok = v.isIntegralNumber(); break;
            case "float_t": ok = v.isNumber(); break;
            case "boolean_t": ok = v.isBoolean(); break;
            case "json_t": ok = true; break;
            default: ok = false;
        }
        if (!ok) {
            problems.add(path + ": " + v + " is not of type " + type);
        }
        if (type.equals("datetime_t") && v.isTextual() && !Rfc3339Check.parses(v.asText())) {
            problems.add(path + ": not RFC 3339");
        }
        // enum values: the dictionary's (0 Unknown, 99 Other ...) and the class's or object's; the classification
        // uids are checked against the class itself (check)
        String attr = path.substring(path.lastIndexOf('.') + 1);
        if (attr.equals("class_uid") || attr.equals("category_uid") || attr.equals("type_uid")) {
            return;
        }
        ObjectNode en = MAPPER.createObjectNode();
        JsonNode dictEnum = dictionary.path("attributes").path(attr).path("enum");
        if (dictEnum.isObject()) {
            en.setAll((ObjectNode) dictEnum);
        }
        if (def.path("enum").isObject()) {
            en.setAll((ObjectNode) def.path("enum"));
        }
        if (en.size() > 0 && !en.has(v.asText())) {
            problems.add(path + ": " + v + " is not one of " + en.size() + " enum values");
        }
    }

    private static JsonNode read(Path p) throws IOException {
        return MAPPER.readTree(p.toFile());
    }

    /** RFC 3339 parsing. */
    static final class Rfc3339Check {
        private Rfc3339Check() {
        }

        static boolean parses(String t) {
            try {
                java.time.OffsetDateTime.parse(t);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
