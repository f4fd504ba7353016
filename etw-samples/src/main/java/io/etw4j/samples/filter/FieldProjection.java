package io.etw4j.samples.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code --fields} projection: a {@link Writer} in front of a command's stdout that keeps, of each JSON-object
 * line written through it, only the top-level members named in the list, in the line's own order, their values copied
 * byte for byte (numbers, escapes and nesting as the JSON writer wrote them). A line that is not a JSON object passes
 * unchanged; a member the list names but the line lacks is simply absent.
 *
 * <p>It works on the written lines, after the JSON writer: a post-filter that needs nothing from the writer (which
 * keeps its own field order and escaping). Only whole lines are passed on: text after the last newline waits for the
 * next one (or {@link #close}). A write error of the target surfaces as an {@link IOException}, so that a
 * {@link PrintWriter} around this writer reports it through {@code checkError()} as the target would have.
 *
 * <p>Not thread-safe: one writer thread, as the JSON writers are.
 */
public final class FieldProjection extends Writer {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintWriter target;
    private final Set<String> fields;
    private final StringBuilder line = new StringBuilder();

    /**
     * @param target where the projected lines go
     * @param fields the top-level member names to keep (non-empty)
     */
    public FieldProjection(PrintWriter target, List<String> fields) {
        this.target = Objects.requireNonNull(target, "target");
        this.fields = Set.copyOf(fields);
        if (this.fields.isEmpty()) {
            throw new IllegalArgumentException("no fields");
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                target.write(project(line.toString()));
                target.write('\n');
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
        if (target.checkError()) {
            throw new IOException("output closed");
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
        if (target.checkError()) {
            throw new IOException("output closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (line.length() > 0) {
            target.write(project(line.toString()));
            line.setLength(0);
        }
        flush();
    }

    /** {@return {@code json} with only the listed top-level members, or {@code json} unchanged if it is no object} */
    public String project(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return json;
            }
            StringBuilder out = new StringBuilder(json.length()).append('{');
            boolean first = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int nameStart = (int) p.currentTokenLocation().getCharOffset();
                String name = p.currentName();
                p.nextToken();
                p.skipChildren();
                p.finishToken(); // a string value is read lazily: its end is known once it is read
                int end = (int) p.currentLocation().getCharOffset();
                if (fields.contains(name)) {
                    out.append(first ? "" : ",").append(json, nameStart, end);
                    first = false;
                }
            }
            return out.append('}').toString();
        } catch (IOException | RuntimeException e) {
            return json; // not JSON after all: passed as written
        }
    }
}
