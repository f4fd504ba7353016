package io.etw4j.decode.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reader of the MOF subset the NT kernel logger's event classes are written in (Microsoft's MOF syntax as used by
 * {@code kerneltraceeventparser.mof}): {@code [qualifiers] class Name : Super { [qualifiers] type Name[N]; ... };}.
 * Qualifiers are {@code Name}, {@code Name(value)} or {@code Name{v1, v2}}, optionally followed by a flavor
 * ({@code : amended}); values are strings, numbers or words. Comments ({@code //}, {@code /* *}{@code /}) and
 * {@code #pragma} lines are skipped. Anything else is a {@link MofSyntaxException}; nothing else escapes (a fuzz
 * target checks it). Test-scope tool: it feeds {@link KernelMofConverter}.
 */
public final class MofText {
    /** A qualifier's values: one for {@code Name(v)}, several for {@code Name{...}}, none for a bare name. */
    public record Qualifier(String name, List<String> values) {
        /** The first value, if any. */
        public Optional<String> value() {
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** A property: its qualifiers (by lower-case name), MOF type, name and array size (-1: none, 0: {@code []}). */
    public record Property(Map<String, Qualifier> qualifiers, String type, String name, int arraySize) {
    }

    /** A class: its qualifiers (by lower-case name), name, superclass (or null) and properties in text order. */
    public record MofClass(Map<String, Qualifier> qualifiers, String name, String superclass,
            List<Property> properties) {
    }

    private static final int MAX_ARRAY = 1 << 16;

    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int at;

    private MofText(String text) {
        tokenize(text);
    }

    /** The classes of {@code text}, in order. */
    public static List<MofClass> parse(String text) {
        MofText t = new MofText(text);
        List<MofClass> out = new ArrayList<>();
        while (t.at < t.tokens.size()) {
            out.add(t.mofClass());
        }
        return out;
    }

    private void tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new MofSyntaxException("unterminated comment at " + i);
                }
                i = end + 2;
            } else if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MofSyntaxException("unterminated string");
                    }
                    char d = s.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && i < n) {
                        d = s.charAt(i++);
                    }
                    b.append(d);
                }
                add(b.toString(), true);
            } else if ("[](){},:;=".indexOf(c) >= 0) {
                add(String.valueOf(c), false);
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || "_-.".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                add(s.substring(start, i), false);
            } else {
                throw new MofSyntaxException("unexpected character '" + c + "' at " + i);
            }
        }
    }

    private void add(String token, boolean isString) {
        tokens.add(token);
        quoted.add(isString);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new MofSyntaxException("unexpected end of text");
        }
        return tokens.get(at++);
    }

    private boolean peek(String punct) {
        return at < tokens.size() && !quoted.get(at) && tokens.get(at).equals(punct);
    }

    private void expect(String punct) {
        int where = at;
        String t = next();
        if (quoted.get(where) || !t.equals(punct)) {
            throw new MofSyntaxException("expected '" + punct + "' but found '" + t + "' (token " + where + ")");
        }
    }

    private String word() {
        int where = at;
        String t = next();
        if (quoted.get(where) || t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            throw new MofSyntaxException("expected a name but found '" + t + "' (token " + where + ")");
        }
        return t;
    }

    private MofClass mofClass() {
        Map<String, Qualifier> q = peek("[") ? qualifiers() : Map.of();
        String kw = word();
        if (!kw.equalsIgnoreCase("class")) {
            throw new MofSyntaxException("expected 'class' but found '" + kw + "'");
        }
        String name = word();
        String sup = null;
        if (peek(":")) {
            expect(":");
            sup = word();
        }
        expect("{");
        List<Property> props = new ArrayList<>();
        while (!peek("}")) {
            props.add(property());
        }
        expect("}");
        expect(";");
        return new MofClass(q, name, sup, List.copyOf(props));
    }

    private Property property() {
        Map<String, Qualifier> q = peek("[") ? qualifiers() : Map.of();
        String type = word();
        String name = word();
        int size = -1;
        if (peek("[")) {
            expect("[");
            if (peek("]")) {
                size = 0;
            } else {
                size = number(next());
            }
            expect("]");
        }
        if (peek("=")) {
            expect("=");
            next();
        }
        expect(";");
        return new Property(q, type, name, size);
    }

    private static int number(String t) {
        try {
            int v = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16)
                    : Integer.parseInt(t);
            if (v < 0 || v > MAX_ARRAY) {
                throw new MofSyntaxException("number out of range: " + t);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new MofSyntaxException("not a number: '" + t + "'");
        }
    }

    private Map<String, Qualifier> qualifiers() {
        expect("[");
        Map<String, Qualifier> out = new LinkedHashMap<>();
        while (true) {
            String name = word();
            List<String> values = new ArrayList<>();
            if (peek("(")) {
                expect("(");
                values.add(next());
                expect(")");
            } else if (peek("{")) {
                expect("{");
                while (!peek("}")) {
                    values.add(next());
                    if (!peek("}")) {
                        expect(",");
                    }
                }
                expect("}");
            }
            if (peek(":")) {
                expect(":");
                word(); // flavor (amended, ToInstance ...)
            }
            out.put(name.toLowerCase(java.util.Locale.ROOT), new Qualifier(name, List.copyOf(values)));
            if (peek("]")) {
                expect("]");
                return out;
            }
            expect(",");
        }
    }

    /** Integer value of a qualifier such as {@code EventVersion(2)} or {@code WmiDataId(1)}. */
    public static int intValue(Qualifier q) {
        return number(q.value().orElseThrow(() -> new MofSyntaxException(q.name() + " has no value")));
    }
}
