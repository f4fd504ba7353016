package io.etw4j.samples.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The samples' Markdown reference as plain text for a terminal ({@code formats}): headings underlined, tables as one
 * entry per row (the first cell as the term, the other cells below it as {@code header: value}, wrapped at
 * {@link #WIDTH} columns, as are text lines longer than {@link #LONG_LINE}), code blocks indented without their fences, and the inline marks dropped
 * ({@code `code`} and {@code **bold**} keep their text, {@code [text](url)} becomes {@code text (url)}, {@code \|}
 * a bar). Only the Markdown the reference uses is handled: other text passes as it is. Stateless.
 */
public final class MarkdownText {
    /** Where table values, and text lines longer than {@link #LONG_LINE}, are wrapped. */
    public static final int WIDTH = 100;
    /** Text lines up to this length are kept as written (code blocks always are). */
    static final int LONG_LINE = 130;
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)]+)\\)");
    private static final Pattern SEPARATOR = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    private MarkdownText() {
    }

    /** {@return {@code markdown} as plain text; lines end in \n} */
    public static String render(String markdown) {
        List<String> lines = List.of(markdown.replace("\r\n", "\n").split("\n", -1));
        StringBuilder out = new StringBuilder(markdown.length());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                i++;
                while (i < lines.size() && !lines.get(i).startsWith("```")) {
                    out.append("    ").append(lines.get(i)).append('\n');
                    i++;
                }
                i++;
            } else if (line.startsWith("#")) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                String title = inline(line.substring(level).strip());
                out.append(title).append('\n');
                if (level <= 2) {
                    out.append((level == 1 ? "=" : "-").repeat(title.length())).append('\n');
                }
                i++;
            } else if (line.startsWith("|") && i + 1 < lines.size() && SEPARATOR.matcher(lines.get(i + 1)).matches()) {
                List<String> header = cells(line);
                i += 2;
                while (i < lines.size() && lines.get(i).startsWith("|")) {
                    table(out, header, cells(lines.get(i)));
                    i++;
                }
            } else {
                String text = inline(line);
                if (text.length() > LONG_LINE) {
                    wrap(out, "", text, "");
                } else {
                    out.append(text).append('\n');
                }
                i++;
            }
        }
        String text = out.toString();
        while (text.endsWith("\n\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** One table row: the first cell, then each other cell as {@code header: value}, indented and wrapped. */
    private static void table(StringBuilder out, List<String> header, List<String> row) {
        out.append("  ").append(row.isEmpty() ? "" : inline(row.get(0))).append('\n');
        for (int c = 1; c < row.size(); c++) {
            String name = c < header.size() ? inline(header.get(c)) : "";
            String value = inline(row.get(c));
            if (value.isEmpty()) {
                continue;
            }
            wrap(out, "      " + (name.isEmpty() ? "" : name + ": "), value, "        ");
        }
    }

    private static void wrap(StringBuilder out, String first, String text, String indent) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" +")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.append(line).append('\n');
    }

    /** The cells of a table line: split at bars that are not escaped, outer bars dropped, trimmed. */
    static List<String> cells(String line) {
        String l = line.strip();
        if (l.startsWith("|")) {
            l = l.substring(1);
        }
        if (l.endsWith("|") && !l.endsWith("\\|")) {
            l = l.substring(0, l.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < l.length(); i++) {
            char ch = l.charAt(i);
            if (ch == '\\' && i + 1 < l.length() && l.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (ch == '`') {
                code = !code;
                cell.append(ch);
            } else if (ch == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** {@code text} without its inline marks (see the class comment). */
    static String inline(String text) {
        String t = LINK.matcher(text).replaceAll("$1 ($2)");
        return t.replace("**", "").replace("`", "").replace("\\|", "|");
    }
}
