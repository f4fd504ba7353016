package io.etw4j.spark.internal;

import java.util.HexFormat;
import java.util.Optional;

/** The text of a decoded or SCM field value in a {@code map<string,string>} column. */
final class FieldText {

    private FieldText() {
    }

    static String of(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof Optional<?> o) {
            return o.map(FieldText::of).orElse(null);
        }
        if (v instanceof java.util.OptionalInt o) {
            return o.isPresent() ? Integer.toString(o.getAsInt()) : null;
        }
        if (v instanceof java.util.OptionalLong o) {
            return o.isPresent() ? Long.toString(o.getAsLong()) : null;
        }
        return String.valueOf(v);
    }
}
