package io.etw4j.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etw4j.json.JsonEscapes;
import io.etw4j.json.OutputClosedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** {@link JsonLineOutput}, the output every JSON line writer of the samples streams into. */
class JsonLineOutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes ObjectNodes as lines through a {@link JsonLineOutput}. */
    private static final class Lines {
        private final JsonLineOutput out;

        Lines(PrintWriter w, boolean flushEachLine) {
            out = new JsonLineOutput(w, flushEachLine);
        }

        void write(ObjectNode n) {
            out.writeLine(g -> MAPPER.writeTree(g, n));
        }

        void flush() {
            out.flush();
        }

        long written() {
            return out.written();
        }
    }


    private static ObjectNode node(int i) {
        return JsonNodeFactory.instance.objectNode().put("i", i).put("text", "a\nb\t\"c\"");
    }

    @Test
    void eachObjectIsOneLine() {
        StringWriter sw = new StringWriter();
        Lines lines = new Lines(new PrintWriter(sw), false);
        lines.write(node(1));
        lines.write(node(2));
        lines.flush();
        assertThat(sw.toString()).isEqualTo("{\"i\":1,\"text\":\"a\\nb\\t\\\"c\\\"\"}\n{\"i\":2,\"text\":\"a\\nb\\t\\\"c\\\"\"}\n");
        assertThat(lines.written()).isEqualTo(2);
    }

    @Test
    void aClosedOutputStopsTheWriter() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        Lines lines = new Lines(new PrintWriter(broken), true);
        assertThatThrownBy(() -> lines.write(node(1))).isInstanceOf(OutputClosedException.class);

        Lines batched = new Lines(new PrintWriter(broken), false);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                batched.write(node(i));
            }
        }).isInstanceOf(OutputClosedException.class);
        assertThat(batched.written()).isLessThanOrEqualTo(256);
    }

    @Test
    void aFailureInsideALineLeavesNothingOfItAndTheNextLineIsWhole() {
        StringWriter sw = new StringWriter();
        JsonLineOutput out = new JsonLineOutput(new PrintWriter(sw), true);
        // Long enough to pass Jackson's own buffer, so that a partial line would have been handed on before.
        String big = "x".repeat(20_000);
        out.writeLine(g -> MAPPER.writeTree(g, node(1)));
        for (Throwable crash : new Throwable[] {new StackOverflowError(), new OutOfMemoryError(),
            new IllegalStateException("value failed")}) {
            assertThatThrownBy(() -> out.writeLine(g -> {
                g.writeStartObject();
                g.writeStringField("big", big);
                g.writeFieldName("next");
                if (crash instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) crash;
            })).isSameAs(crash);
            assertThat(sw.toString()).as("only whole lines after %s", crash).isEqualTo("{\"i\":1,\"text\":\"a\\nb\\t\\\"c\\\"\"}\n");
        }
        out.writeLine(g -> MAPPER.writeTree(g, node(2)));
        assertThat(sw.toString().split("\n", -1)).hasSize(3).endsWith("");
        assertThat(sw.toString()).endsWith("{\"i\":2,\"text\":\"a\\nb\\t\\\"c\\\"\"}\n");
        assertThat(out.written()).isEqualTo(2);
    }

    @Test
    void c1ControlsLineSeparatorsDelAndBidiControlsAreEscapedAndParseBack() throws Exception {
        String nasty = "a\u0085b\u2028c\u2029d\u009be\u007ff\u202eg\u2066h\u200fi\u061cj\u001bk \u00e9\u4e2d";
        StringWriter sw = new StringWriter();
        JsonLineOutput out = new JsonLineOutput(new PrintWriter(sw), true);
        out.writeLine(g -> MAPPER.writeTree(g, JsonNodeFactory.instance.objectNode().put(nasty, nasty)));

        String line = sw.toString();
        assertThat(line.substring(0, line.length() - 1).chars().filter(JsonEscapes::mustEscape).toArray()).isEmpty();
        assertThat(line).contains("\\u0085", "\\u2028", "\\u2029", "\\u009B", "\\u007F", "\\u202E", "\\u001B")
                .contains("\u00e9\u4e2d"); // other non-ASCII text stays as it is
        assertThat(MAPPER.readTree(line).get(nasty).asText()).isEqualTo(nasty);
    }

    /** Strings of hostile text: lone and paired surrogates, controls, C1, separators, bidi controls, non-ASCII. */
    private static final String[] HOSTILE = {
        "plain", "\ud83d\ude00 pair", "lone high \ud83d", "lone low \ude00 x", "\ud83d", "\ude00", "\ud83d\ud83d\ude00",
        "a\u0085b\u2028c\u2029d\u009be\u007ff\u202eg\u2066h\u200fi\u061cj\u001bk \u00e9\u4e2d\u0000", "end high\ud800",
        "x".repeat(70_000) + "\ud83d\ude00" + "\u00e9".repeat(30_000) + "\udbff"};

    @Test
    void anOutputStreamGetsTheBytesOfAnOutputStreamWriterForEveryString() throws Exception {
        java.io.ByteArrayOutputStream viaChars = new java.io.ByteArrayOutputStream();
        PrintWriter chars = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(viaChars, java.nio.charset.StandardCharsets.UTF_8), 1 << 16));
        java.io.ByteArrayOutputStream viaBytes = new java.io.ByteArrayOutputStream();
        JsonLineOutput c = new JsonLineOutput(chars, false);
        JsonLineOutput b = new JsonLineOutput(viaBytes, false);
        for (int i = 0; i < 300; i++) { // past CHECK_EVERY
            for (String s : HOSTILE) {
                for (JsonLineOutput out : new JsonLineOutput[] {c, b}) {
                    out.writeLine(g -> {
                        g.writeStartObject();
                        g.writeStringField(s, s);
                        g.writeFieldName("chars");
                        g.writeString(s.toCharArray(), 0, s.length());
                        g.writeEndObject();
                    });
                }
            }
        }
        c.flush();
        b.flush();
        assertThat(b.written()).isEqualTo(c.written()).isEqualTo(300L * HOSTILE.length);
        assertThat(viaBytes.toByteArray()).isEqualTo(viaChars.toByteArray());
        String text = viaBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("lone high ?\"", "\ud83d\ude00 pair", "\\u0085");
    }

    @Test
    void aStreamThatFailsStopsTheWriterAndABytesLineIsWholeOrNothing() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        JsonLineOutput out = new JsonLineOutput(broken, false);
        assertThat(out.takesBytes()).isTrue();
        assertThatThrownBy(() -> out.writeLine(g -> MAPPER.writeTree(g, node(1))))
                .isInstanceOf(OutputClosedException.class);

        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        JsonLineOutput lines = new JsonLineOutput(sink, true);
        lines.bytesLine().add(JsonBytes.ascii("{\"a\":1}"));
        lines.endBytesLine();
        lines.bytesLine().add(JsonBytes.ascii("{\"unfinished\":")); // a failure here: never ended
        lines.writeLine(g -> MAPPER.writeTree(g, node(2)));
        lines.bytesLine().add(JsonBytes.ascii("{\"b\":2}"));
        lines.endBytesLine();
        assertThat(sink.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"a\":1}\n{\"i\":2,\"text\":\"a\\nb\\t\\\"c\\\"\"}\n{\"b\":2}\n");
        assertThat(lines.written()).isEqualTo(3);
    }
}
