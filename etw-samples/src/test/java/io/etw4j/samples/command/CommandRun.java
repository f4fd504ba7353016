package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etw4j.samples.Etw4jSamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of a samples command line, with what it wrote to stdout and stderr (test helper). */
public record CommandRun(int exitCode, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs {@code args} through {@link Etw4jSamples#commandLine()}. */
    static CommandRun run(String... args) {
        return run(Etw4jSamples.commandLine(), args);
    }

    /** Runs {@code args} through {@code cl}, capturing its out and err writers. */
    static CommandRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The stdout lines (without terminators; a final empty line after the last '\n' is not included). */
    List<String> outLines() {
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Parses every stdout line as one JSON object; fails on any line that is not exactly one object. */
    List<JsonNode> jsonLines() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : outLines()) {
            nodes.add(parseObject(line));
        }
        return nodes;
    }

    /** Parses {@code line} as exactly one JSON object (trailing content is an error). */
    public static JsonNode parseObject(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            if (n == null || !n.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            // readTree stops after the first value; a second value on the line must not be tolerated.
            try (var parser = MAPPER.createParser(line)) {
                parser.readValueAsTree();
                if (parser.nextToken() != null) {
                    throw new AssertionError("more than one JSON value on the line: " + line);
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    /** Equal texts; on a difference, the first differing line of each (a whole-text diff would be megabytes). */
    public static void assertSameLines(String actual, String expected) {
        if (actual.equals(expected)) {
            return;
        }
        String[] a = actual.split("\n", -1);
        String[] e = expected.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, e.length); i++) {
            assertThat(a[i]).as("line %d", i + 1).isEqualTo(e[i]);
        }
        assertThat(a.length).as("line count").isEqualTo(e.length);
    }
}
