package io.etw4j.samples.summary;

import io.etw4j.samples.terminal.TerminalSafe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import java.util.stream.Collectors;

/**
 * A {@link TraceSummary} as text: an aligned table for a person ({@link #text}) or CSV for a spreadsheet
 * ({@link #csv}). Columns: provider, event (name, or {@code -}), id, count, first and last time (RFC 3339, UTC,
 * milliseconds), distinct PIDs, and the top PIDs with their counts ({@code 4:120 1234:5}). Input text (provider and
 * event names) is escaped for the terminal ({@link TerminalSafe}) in the table, and in CSV quoted as RFC 4180 says,
 * with a leading {@code '} before a cell that a spreadsheet would take as a formula ({@code = + - @}, tab, CR).
 * Stateless.
 */
public final class SummaryTable {
    /** Provider and event names longer than this are cut in the table ({@code ...}); CSV keeps them whole. */
    static final int MAX_NAME = 60;
    private static final String[] HEADER = {"PROVIDER", "EVENT", "ID", "COUNT", "FIRST", "LAST", "PIDS", "TOP PIDS"};

    private SummaryTable() {
    }

    /** {@return the aligned table, one line per row after a header line, then a total line; lines end in \n} */
    public static String text(TraceSummary s, int top) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (EventTally t : s.rows()) {
            cells.add(new String[] {cut(TerminalSafe.escape(s.label(t.provider()))),
                cut(TerminalSafe.escape(t.eventName().orElse("-"))), Integer.toString(t.eventId()),
                Long.toString(t.count()), time(t.first()), time(t.last()), Integer.toString(t.distinctPids()),
                topPids(t, top)});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i == 2 || i == 3 || i == 6;
                String pad = " ".repeat(width[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(number && row != HEADER ? pad + row[i] : row[i] + pad);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        b.append(s.records()).append(" records, ").append(s.rows().size()).append(" provider/event pairs");
        if (s.overflow() > 0) {
            b.append(", ").append(s.overflow()).append(" records of further pairs counted only (more than ")
                    .append(TraceSummary.MAX_ROWS).append(" pairs or ").append(TraceSummary.MAX_PROVIDERS)
                    .append(" providers)");
        }
        return b.append('\n').toString();
    }

    /** {@return the CSV: a header line, then one line per row; lines end in \r\n (RFC 4180)} */
    public static String csv(TraceSummary s, int top) {
        StringBuilder b = new StringBuilder("provider_guid,provider,event,id,count,first,last,pids,top_pids\r\n");
        for (EventTally t : s.rows()) {
            b.append(t.provider()).append(',').append(cell(s.label(t.provider()))).append(',')
                    .append(cell(t.eventName().orElse(""))).append(',').append(t.eventId()).append(',')
                    .append(t.count()).append(',').append(time(t.first())).append(',').append(time(t.last()))
                    .append(',').append(t.distinctPids()).append(',').append(topPids(t, top)).append("\r\n");
        }
        return b.toString();
    }

    /** {@return the top PIDs as {@code pid:count} separated by spaces ({@code -1}: the record named none)} */
    static String topPids(EventTally t, int top) {
        return t.topPids(top).stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** {@return {@code t} as RFC 3339 in UTC, to the millisecond} */
    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String cut(String text) {
        return text.length() <= MAX_NAME ? text : text.substring(0, MAX_NAME - 3) + "...";
    }

    /** {@return {@code text} as one CSV cell: quoted when needed, formula starts defused} */
    static String cell(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") || !t.equals(text)) {
            return '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }

}
