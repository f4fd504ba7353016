package io.etw4j.json.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The published ECS field list ({@code shared/schemas/ecs/ecs_flat.yml}: every field by its dotted name with its type,
 * whether it is normalised to an array, and the allowed values of {@code event.kind}, {@code event.category} (with
 * each category's {@code expected_event_types}), {@code event.type} and {@code event.outcome}), and a check of one
 * JSON line against it: every leaf outside the vendor namespace {@code etw4j} is an ECS field with a compatible JSON
 * type, allowed values are allowed, each {@code event.type} is expected for each {@code event.category}.
 */
public final class EcsSchema {
    /** The vendor namespace, free of ECS's rules; ECS must not define a field set of that name. */
    public static final String VENDOR = "etw4j";

    private final Map<String, Map<String, Object>> fields;
    private final String version;

    private EcsSchema(Map<String, Map<String, Object>> fields, String version) {
        this.fields = fields;
        this.version = version;
    }

    /** Loads {@code ecs_flat.yml}. */
    @SuppressWarnings("unchecked")
    public static EcsSchema load(Path ecsFlatYml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try (InputStream in = Files.newInputStream(ecsFlatYml)) {
            Map<String, Map<String, Object>> m = (Map<String, Map<String, Object>>) new Yaml(options).load(in);
            // the version: first column (ECS_Version) of fields.csv's first row, generated with ecs_flat.yml
            List<String> csv = Files.readAllLines(ecsFlatYml.resolveSibling("fields.csv"));
            return new EcsSchema(m, csv.get(1).substring(0, csv.get(1).indexOf(',')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return how many fields the schema defines} */
    public int size() {
        return fields.size();
    }

    /** {@return true if ECS defines no field under {@link #VENDOR}} */
    public boolean vendorNamespaceIsFree() {
        return fields.keySet().stream().noneMatch(k -> k.equals(VENDOR) || k.startsWith(VENDOR + "."));
    }

    /** {@return the problems of one line; empty when it conforms} */
    public List<String> check(JsonNode line) {
        List<String> problems = new ArrayList<>();
        walk("", line, problems);
        JsonNode cats = line.path("event").path("category");
        JsonNode types = line.path("event").path("type");
        for (JsonNode c : cats) {
            List<String> expected = expectedTypes(c.asText());
            for (JsonNode t : types) {
                if (!expected.contains(t.asText())) {
                    problems.add("event.type " + t.asText() + " is not expected for event.category " + c.asText()
                            + " (expected " + expected + ")");
                }
            }
        }
        if (!line.has("@timestamp")) {
            problems.add("no @timestamp");
        }
        if (!line.path("ecs").has("version")) {
            problems.add("no ecs.version");
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private List<String> expectedTypes(String category) {
        for (Map<String, Object> v : (List<Map<String, Object>>) fields.get("event.category").get("allowed_values")) {
            if (category.equals(v.get("name"))) {
                Object e = v.get("expected_event_types");
                return e == null ? List.of() : (List<String>) e;
            }
        }
        return List.of();
    }

    private void walk(String prefix, JsonNode n, List<String> problems) {
        if (prefix.equals(VENDOR) || prefix.startsWith(VENDOR + ".")) {
            return;
        }
        if (n.isObject()) {
            Map<String, Object> f = fields.get(prefix);
            if (f != null && Set.of("object", "flattened", "nested").contains(String.valueOf(f.get("type")))) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), problems);
            }
            return;
        }
        Map<String, Object> f = fields.get(prefix);
        if (f == null) {
            problems.add(prefix + ": not an ECS field");
            return;
        }
        if (n.isArray()) {
            for (JsonNode item : n) {
                leaf(prefix, f, item, problems);
            }
        } else {
            leaf(prefix, f, n, problems);
        }
    }

    @SuppressWarnings("unchecked")
    private static void leaf(String name, Map<String, Object> f, JsonNode v, List<String> problems) {
        if (v.isNull()) {
            return;
        }
        String type = String.valueOf(f.get("type"));
        boolean ok;
        switch (type) {
            case "keyword": case "wildcard": case "match_only_text": case "text": case "constant_keyword": case "ip":
                ok = v.isTextual();
                break;
            case "long": case "integer": case "short": case "byte": case "unsigned_long":
                ok = v.isIntegralNumber();
                break;
            case "float": case "double": case "scaled_float": case "half_float":
                ok = v.isNumber();
                break;
            case "boolean":
                ok = v.isBoolean();
                break;
            case "date":
                ok = v.isTextual() && parses(v.asText());
                break;
            default:
                ok = false;
        }
        if (!ok) {
            problems.add(name + ": " + v + " is not of ECS type " + type);
        }
        Object allowed = f.get("allowed_values");
        if (allowed instanceof List<?> list) {
            boolean found = ((List<Map<String, Object>>) list).stream().anyMatch(a -> v.asText().equals(a.get("name")));
            if (!found) {
                problems.add(name + ": " + v + " is not an allowed value");
            }
        }
    }

    private static boolean parses(String t) {
        try {
            OffsetDateTime.parse(t);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@return the ECS version of the files} (fields.csv's ECS_Version) */
    public String version() {
        return version;
    }
}
