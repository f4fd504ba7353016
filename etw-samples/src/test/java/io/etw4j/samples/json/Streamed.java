package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;
import io.etw4j.json.internal.ScmEventJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventRecord;
import io.etw4j.samples.command.CommandRun;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** What the streaming writers print for one value, as one line of text and parsed back as a reader would. */
final class Streamed {
    private Streamed() {
    }

    /** The line {@link JsonLinesWriter} writes for {@code r}, without its {@code \n}. */
    static String recordLine(EventRecord r, int hexBytes) {
        StringWriter sw = new StringWriter();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(sw)).payloadHexBytes(hexBytes).build();
        lines.write(r);
        lines.flush();
        return oneLine(sw.toString());
    }

    /** The record object of {@code r}, parsed back. */
    static JsonNode record(EventRecord r, int hexBytes) {
        return CommandRun.parseObject(recordLine(r, hexBytes));
    }

    /** The line {@link JsonLinesWriter} writes for {@code e}, without its {@code \n}. */
    static String eventLine(ScmEvent e, int recordHexBytes) {
        StringWriter sw = new StringWriter();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(sw)).payloadHexBytes(recordHexBytes)
                .flushEachLine(true).build();
        lines.write(e);
        lines.flush();
        return oneLine(sw.toString());
    }

    /** The SCM event object of {@code e} (the record's first 32 payload bytes), parsed back. */
    static JsonNode event(ScmEvent e) {
        return CommandRun.parseObject(eventLine(e, JsonLinesWriter.DEFAULT_HEX_BYTES));
    }

    /** The client object of {@code c}, parsed back. */
    static JsonNode client(ClientProcess c) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            ScmEventJson.client(g, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CommandRun.parseObject(sw.toString());
    }

    private static String oneLine(String text) {
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            throw new AssertionError("not exactly one line: " + text);
        }
        return text.substring(0, text.length() - 1);
    }
}
