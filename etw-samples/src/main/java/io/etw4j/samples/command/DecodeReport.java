package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.SchemaFolders;
import io.etw4j.decode.SchemaSource;
import io.etw4j.json.DecodeCounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command that decodes ({@code --decode}, {@code kernel-dump}) says on stderr about the decoding, counted as it
 * goes: records decoded, records no schema knew, records with field errors (a value that did not fit its schema),
 * records whose payload goes on after the last field of their schema (only counted: every field was read), and
 * the problems the schema sources kept: in-trace EventSource manifests refused, truncated or dropped
 * ({@link EventSourceSchemas#problems()}), problems inside the {@code --manifest} files
 * ({@link ManifestSchemas#problems()}). Field errors and schema problems are problems as the reader's are: they make
 * the exit code {@link ExitCodes#PROBLEMS}. Records without a schema are only counted (most traces have some).
 *
 * <p>Thread-safe: a live session decodes on ETW's thread while the summary may be printed from another.
 */
final class DecodeReport {
    /** Schema problems printed one per line; the rest are counted. */
    static final int PROBLEM_LINES = 20;

    private final EventDecoder decoder;
    private long decoded;
    private long withoutSchema;
    private long withFieldErrors;
    private long withTrailingBytes;
    private long withEarlierVersion;
    private String firstFieldError;

    DecodeReport(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** {@return {@code r} decoded ({@link EventDecoder#decode}), counted} */
    DecodedEvent decode(EventRecord r) {
        return count(decoder.decode(r));
    }

    /** {@return {@code r} decoded after the decoder observed it ({@link EventDecoder#decodeObserved}), counted} */
    DecodedEvent decodeObserved(EventRecord r) {
        return count(decoder.decodeObserved(r));
    }

    /** {@return the decoder} */
    EventDecoder decoder() {
        return decoder;
    }

    /** Adds what a JSON writer counted while it decoded with {@link #decoder()} ({@code --decode} lines). */
    synchronized void add(DecodeCounts c) {
        decoded += c.decoded();
        withoutSchema += c.withoutSchema();
        withTrailingBytes += c.withTrailingBytes();
        withEarlierVersion += c.withEarlierVersion();
        if (c.withFieldErrors() > 0 && withFieldErrors == 0) {
            firstFieldError = firstFieldError(c.firstWithFieldErrors().orElseThrow());
        }
        withFieldErrors += c.withFieldErrors();
    }

    private static String firstFieldError(DecodedEvent d) {
        return d.providerName().orElse(d.record().providerId().toString()) + " event " + d.record().id() + " v"
                + d.record().descriptor().version() + ": " + d.errors().get(0);
    }

    /** {@return {@code d}}, counted. */
    synchronized DecodedEvent count(DecodedEvent d) {
        if (!d.isDecoded()) {
            withoutSchema++;
        } else {
            decoded++;
            if (d.trailingBytes() > 0) {
                // every value was read, the payload is longer than its schema (a later event version): counted
                // apart, not a problem
                withTrailingBytes++;
            }
            if (d.isEarlierVersionSchema()) {
                withEarlierVersion++;
            }
            if (!d.errors().isEmpty()) {
                if (withFieldErrors++ == 0) {
                    firstFieldError = firstFieldError(d);
                }
            }
        }
        return d;
    }

    /** Records without a schema so far. */
    synchronized long withoutSchema() {
        return withoutSchema;
    }

    /** The problems the decoder's schema sources kept, in source order (snapshots). */
    List<String> schemaProblems() {
        List<String> out = new ArrayList<>();
        for (SchemaSource s : decoder.sources()) {
            if (s instanceof EventSourceSchemas es) {
                out.addAll(es.problems());
            } else if (s instanceof ManifestSchemas ms) {
                out.addAll(ms.problems());
            } else if (s instanceof SchemaFolders sf) {
                out.addAll(sf.problems());
            }
        }
        return out;
    }

    /** True if a record had field errors or a schema source kept a problem. */
    boolean problems() {
        synchronized (this) {
            if (withFieldErrors > 0) {
                return true;
            }
        }
        return !schemaProblems().isEmpty();
    }

    /**
     * Prints {@code <command>: decoding: N decoded, N without a schema, N with field errors; N schema problems} (and
     * the first field error, escaped), then
     * one {@code <command>: schema problem: ...} line each for the first {@value #PROBLEM_LINES} problems (escaped) and
     * a count of the rest.
     *
     * @return {@link #problems()}
     */
    boolean print(String command, PrintWriter err) {
        List<String> problems = schemaProblems();
        long fieldErrors;
        synchronized (this) {
            err.println(command + ": decoding: " + decoded + " records decoded, " + withoutSchema
                    + " without a schema, " + withFieldErrors + " with field errors, " + withTrailingBytes
                    + " with bytes after the last field, " + withEarlierVersion
                    + " decoded with an earlier version's schema; " + problems.size()
                    + " schema problems (manifests refused, truncated or dropped, problems inside them)"
                    + (firstFieldError == null ? "" : "; first field error: " + Failures.safe(firstFieldError)));
            fieldErrors = withFieldErrors;
        }
        for (SchemaSource s : decoder.sources()) {
            if (s instanceof SchemaFolders sf) {
                err.println(command + ": schemas: " + Failures.safe(sf.describe()) + "; " + sf.loadedProviders()
                        + " providers' manifests read");
            }
        }
        for (int i = 0; i < Math.min(PROBLEM_LINES, problems.size()); i++) {
            err.println(command + ": schema problem: " + Failures.safe(problems.get(i)));
        }
        if (problems.size() > PROBLEM_LINES) {
            err.println(command + ": schema problem: ... and " + (problems.size() - PROBLEM_LINES) + " more");
        }
        err.flush();
        return fieldErrors > 0 || !problems.isEmpty();
    }
}
