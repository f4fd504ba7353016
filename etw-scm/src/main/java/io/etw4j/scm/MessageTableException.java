package io.etw4j.scm;

import io.etw4j.core.EtwException;

/**
 * A message table (the resource shipped with etw-scm, or a user's override given to
 * {@code ScmMonitorBuilder#messageTable} or the system property {@code etw4j.scm.messageTable}) could not be read or
 * has a line that is not a valid entry. It names the file and the 1-based line, so the override can be fixed; a table
 * with any bad line is refused as a whole (a half-loaded table would decode some messages silently wrong or not at
 * all).
 */
public final class MessageTableException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** The table's name. */
    private final String table;
    /** The 1-based line at fault, or 0. */
    private final int line;

    /**
     * A table that could not be used, with the line at fault.
     *
     * @param table  the table's name (file path or resource name)
     * @param line   the 1-based line at fault, or 0 when the table as a whole could not be read
     * @param reason what is wrong, in a sentence
     */
    public MessageTableException(String table, int line, String reason) {
        super(line > 0 ? table + " line " + line + ": " + reason : table + ": " + reason);
        this.table = table;
        this.line = line;
    }

    /**
     * The same, with the I/O error that stopped reading.
     *
     * @param table the table's name
     * @param reason what is wrong
     * @param cause the underlying error
     */
    public MessageTableException(String table, String reason, Throwable cause) {
        super(table + ": " + reason, cause);
        this.table = table;
        this.line = 0;
    }

    /** {@return the table's name: its file path, or the resource name for the shipped defaults} */
    public String table() {
        return table;
    }

    /** {@return the 1-based line at fault, or 0 when the table as a whole could not be read} */
    public int line() {
        return line;
    }
}
