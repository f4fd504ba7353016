/**
 * The samples' JSON lines, in the one format "JSON output of the etw4j samples" (JSON-FORMAT.md) describes, written
 * by one streaming writer: every line goes through Jackson's {@code JsonGenerator} (no tree per line), values
 * formatted into reused buffers. {@link io.etw4j.samples.json.RecordJsonLines} writes raw records (with the logfile
 * header, the payload text or the decoded fields as a command asks),
 * {@link io.etw4j.samples.json.ScmEventJsonLines} the typed SCM events, and
 * {@link io.etw4j.samples.json.PreflightJsonLines} the preflight findings. When the output stops accepting data (a
 * closed pipe) they throw {@link io.etw4j.samples.json.OutputClosedException}.
 *
 * <p>Each writer is for one output and is not thread-safe.
 */
package io.etw4j.json;
