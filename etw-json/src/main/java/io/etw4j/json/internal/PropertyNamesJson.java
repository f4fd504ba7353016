package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.internal.PropertyList;
import java.io.IOException;

/**
 * What {@link DecodedEventJson} needs of one list of properties (an event's, or a struct's members), computed once and
 * kept with the list ({@link PropertyList#memo()}): each property's name as a pre-encoded JSON member name (Jackson
 * quotes and escapes it once, in chars and in UTF-8 bytes), whether it is listed in {@code hexFields}, and the same for
 * the members of its struct. Only for lists whose names are distinct ({@link PropertyList#uniqueNames()}): their
 * decoded values sit at the property's index. Immutable (final fields only), thread-safe.
 */
final class PropertyNamesJson {
    /**
     * Each name pre-encoded, or null for a name with a character outside printable ASCII: Jackson pre-encodes with its
     * standard escapes only, so such a name is left to the generator and its {@link io.etw4j.json.JsonEscapes}.
     */
    final SerializableString[] names;
    /** {@link DecodedEventJson#isHex} of each property. */
    final boolean[] hex;
    final boolean anyHex;
    /** The names of each struct property's members; null for a property that is not a struct. */
    final PropertyNamesJson[] members;
    /**
     * For {@link FlatObjectText}: each name as the JSON text {@code "name":}, and what follows the last field of a
     * flat event whose every property has a value (the brace that closes the fields, then {@code hexFields},
     * {@code errors} and the name {@code schemaVersion}); null when a name is not printable ASCII.
     */
    final byte[][] memberText;
    final byte[] flatTail;

    private PropertyNamesJson(PropertyList props) {
        int n = props.size();
        names = new SerializableString[n];
        hex = new boolean[n];
        members = new PropertyNamesJson[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            PropertySchema p = props.get(i);
            names[i] = printableAscii(p.name()) ? new SerializedString(p.name()) : null;
            hex[i] = DecodedEventJson.isHex(p);
            any |= hex[i];
            if (p.isStruct()) {
                members[i] = of(PropertyList.of(p.members()));
            }
        }
        anyHex = any;
        boolean printable = true;
        for (SerializableString name : names) {
            printable &= name != null;
        }
        if (printable) {
            memberText = new byte[n][];
            StringBuilder tail = new StringBuilder("},\"hexFields\":[");
            for (int i = 0; i < n; i++) {
                memberText[i] = FlatObjectText.ascii(quoted(props.get(i).name()) + ":");
                if (hex[i]) {
                    tail.append(tail.charAt(tail.length() - 1) == '[' ? "" : ",").append(quoted(props.get(i).name()));
                }
            }
            flatTail = FlatObjectText.ascii(tail.append("],\"errors\":[],\"schemaVersion\":").toString());
        } else {
            memberText = null;
            flatTail = null;
        }
    }

    /** Printable ASCII {@code s} as a JSON string: quoted, {@code "} and {@code \\} escaped. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@return true if {@code s} holds only U+0020-U+007E (escaped alike by every generator of this package)} */
    static boolean printableAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Writes the name of property {@code i} of {@code props} (this object's list) as a member name. */
    void writeName(JsonGenerator g, PropertyList props, int i) throws IOException {
        SerializableString n = names[i];
        if (n != null) {
            g.writeFieldName(n);
        } else {
            g.writeFieldName(props.get(i).name());
        }
    }

    /** Writes the name of property {@code i} of {@code props} (this object's list) as a string value. */
    void writeNameValue(JsonGenerator g, PropertyList props, int i) throws IOException {
        SerializableString n = names[i];
        if (n != null) {
            g.writeString(n);
        } else {
            g.writeString(props.get(i).name());
        }
    }

    /** {@return the names of {@code props} (computed on the first call)}, or null when two of them share a name. */
    static PropertyNamesJson of(PropertyList props) {
        Object memo = props.memo();
        if (memo instanceof PropertyNamesJson p) {
            return p;
        }
        if (!props.uniqueNames()) {
            return null;
        }
        PropertyNamesJson p = new PropertyNamesJson(props);
        props.memo(p);
        return p;
    }
}
