package io.etw4j.scm.internal.calibration;

import io.etw4j.scm.internal.wpp.FieldSpec;
import io.etw4j.scm.internal.wpp.MessageKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The layout a calibration gives one record: its fields, its kind, and where the layout came from.
 *
 * @param fields the fields in payload order
 * @param kind   the message kind
 * @param origin "inferred", or "shipped layout (table:line, evidence)"
 * @param file   the services.exe source file of the shipped layout that fitted, if it is tagged with one
 */
record InferredLayout(List<FieldSpec> fields, MessageKind kind, String origin, Optional<String> file) {
    InferredLayout {
        fields = List.copyOf(fields);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(file, "file");
    }

    /** The fields as written in a table: {@code utf16z serviceName, u32 clientPid}, or {@code none}. */
    String fieldsText() {
        if (fields.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (FieldSpec f : fields) {
            b.append(b.length() == 0 ? "" : ", ").append(f);
        }
        return b.toString();
    }

    /** {@code KIND: fields}, the interpretation as written in a table. */
    String layoutText() {
        return kind.name() + ": " + fieldsText();
    }

    boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }
}
