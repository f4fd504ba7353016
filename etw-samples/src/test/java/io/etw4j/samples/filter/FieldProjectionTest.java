package io.etw4j.samples.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldProjectionTest {
    private final FieldProjection p = new FieldProjection(new PrintWriter(new StringWriter()), List.of("id", "b", "s"));

    @Test
    void keepsTheListedTopLevelMembersInTheLinesOrderValuesByteForByte() {
        assertThat(p.project("{\"s\":\"a\\u001B\\\"}\",\"x\":{\"id\":1},\"id\":1.50E+3,\"b\":[1,{\"c\":2}]}"))
                .isEqualTo("{\"s\":\"a\\u001B\\\"}\",\"id\":1.50E+3,\"b\":[1,{\"c\":2}]}");
        assertThat(p.project("{\"x\":1}")).isEqualTo("{}");
    }

    @Test
    void aLineThatIsNoObjectPassesUnchanged() {
        assertThat(p.project("[1,2]")).isEqualTo("[1,2]");
        assertThat(p.project("not json")).isEqualTo("not json");
    }

    @Test
    void asAWriterItPassesWholeLinesProjected() {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(new FieldProjection(new PrintWriter(out), List.of("id")))) {
            w.print("{\"id\":1,\"y\":2}\n{\"y\":3,");
            assertThat(out.toString()).isEqualTo("{\"id\":1}\n");
            w.print("\"id\":4}\n");
        }
        assertThat(out.toString()).isEqualTo("{\"id\":1}\n{\"id\":4}\n");
    }
}
