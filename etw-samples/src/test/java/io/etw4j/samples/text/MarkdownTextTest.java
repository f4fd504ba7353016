package io.etw4j.samples.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {
    @Test
    void headingsAreUnderlinedTablesBecomeEntriesAndInlineMarksGo() {
        String md = String.join("\n", "# Title", "", "Some `code`, **bold** and [a link](https://x.example).", "",
                "## Part", "", "| field | type | meaning |", "|---|---|---|",
                "| `id` | number | event id; `a \\| b` |", "| `x` | string | |", "", "```json", "{\"a\": 1}", "```",
                "");
        assertThat(MarkdownText.render(md)).isEqualTo(String.join("\n", "Title", "=====", "",
                "Some code, bold and a link (https://x.example).", "", "Part", "----", "",
                "  id", "      type: number", "      meaning: event id; a | b", "  x", "      type: string", "",
                "    {\"a\": 1}", ""));
    }

    @Test
    void longValuesAreWrappedWithAHangingIndent() {
        String md = "| a | b |\n|---|---|\n| k | " + "word ".repeat(40).strip() + " |\n";
        String text = MarkdownText.render(md);
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(MarkdownText.WIDTH));
        assertThat(text.lines().skip(2)).allSatisfy(l -> assertThat(l).startsWith("        word"));
    }

    @Test
    void barsInsideCodeDoNotSplitCells() {
        assertThat(MarkdownText.cells("| `a|b` | c |")).containsExactly("`a|b`", "c");
    }
}
