package io.etw4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static ObjectNode node(int i) {
        return JsonNodeFactory.instance.objectNode().put("i", i).put("text", "a\nb\t\"c\"");
    }

    @Test
    void eachObjectIsOneLine() {
        StringWriter sw = new StringWriter();
        JsonLines lines = new JsonLines(new PrintWriter(sw), false);
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
        JsonLines lines = new JsonLines(new PrintWriter(broken), true);
        assertThatThrownBy(() -> lines.write(node(1))).isInstanceOf(JsonLines.OutputClosedException.class);

        JsonLines batched = new JsonLines(new PrintWriter(broken), false);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                batched.write(node(i));
            }
        }).isInstanceOf(JsonLines.OutputClosedException.class);
        assertThat(batched.written()).isLessThanOrEqualTo(256);
    }
}
