package io.etw4j.samples.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
}
