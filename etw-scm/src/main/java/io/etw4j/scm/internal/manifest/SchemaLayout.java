package io.etw4j.scm.internal.manifest;

import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What {@link FieldReader} needs to know about one shipped schema, worked out once when the manifests load: the
 * schema's own name strings (a decoded event's fields are found fastest by the very string instances the schema
 * holds), and the payload size a decoding takes when every string has its NUL. Immutable and thread-safe.
 */
final class SchemaLayout {
    /**
     * The schema's own name instances, keyed by the interned instance of each name: the adapters ask with string
     * literals, which are interned, so the lookup is by identity and the decoded fields are then found by identity
     * too.
     */
    private final IdentityHashMap<String, String> names;
    /** Bytes of the fixed-size properties. */
    final int fixedBytes;
    /** How many pointer-sized properties. */
    final int pointers;
    final String[] utf16Strings;
    final String[] ansiStrings;
    final String[] sids;
    /** False if a property of another kind makes the size unknown (then it is not checked). */
    final boolean sized;

    SchemaLayout(EventSchema schema) {
        IdentityHashMap<String, String> n = new IdentityHashMap<>();
        List<String> utf16 = new ArrayList<>();
        List<String> ansi = new ArrayList<>();
        List<String> sid = new ArrayList<>();
        int fixed = 0;
        int ptrs = 0;
        boolean ok = true;
        for (PropertySchema p : schema.properties()) {
            n.put(p.name().intern(), p.name());
            InType t = p.inType();
            if (p.isStruct() || !(p.count() instanceof PropertyCount.Single)
                    || !(p.size() instanceof PropertySize.Natural)) {
                ok = false;
            } else if (t == InType.POINTER) {
                ptrs++;
            } else if (t.fixedSize() > 0) {
                fixed += t.fixedSize();
            } else if (t == InType.UNICODESTRING) {
                utf16.add(p.name());
            } else if (t == InType.ANSISTRING) {
                ansi.add(p.name());
            } else if (t == InType.SID) {
                sid.add(p.name());
            } else {
                ok = false;
            }
        }
        this.names = n;
        this.fixedBytes = fixed;
        this.pointers = ptrs;
        this.utf16Strings = utf16.toArray(String[]::new);
        this.ansiStrings = ansi.toArray(String[]::new);
        this.sids = sid.toArray(String[]::new);
        this.sized = ok;
    }

    /**
     * The schema's own instance of {@code name} (an interned string, such as a literal), or null if the schema has
     * no such property. Read-only after construction, so safe to call from any thread.
     */
    String name(String name) {
        return names.get(name);
    }
}
