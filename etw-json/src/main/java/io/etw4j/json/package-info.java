/**
 * JSON lines of ETW records, decoded events and SCM events, for files, pipes and SIEMs.
 *
 * <p>{@link io.etw4j.json.JsonLinesWriter} writes one compact JSON object per line, streamed through Jackson's
 * {@code JsonGenerator} (no tree per line, values formatted into reused buffers), whole lines only, in one
 * {@link io.etw4j.json.JsonFormat}: etw4j's own fields, the Elastic Common Schema, or OCSF. Every line carries the
 * version of etw4j's layout ({@code etw4j.schema}). {@link io.etw4j.json.DevicePaths} turns kernel device paths into
 * drive-letter paths, keeping the original; {@link io.etw4j.json.JsonEscapes} is the escaping every line gets. When the
 * output stops accepting data (a closed pipe) the writer throws {@link io.etw4j.json.OutputClosedException}.
 *
 * <p>The fields of every format are documented in the project's JSON-FORMAT.md (also printed by
 * {@code java -jar etw4j-samples.jar formats}). Each writer is for one output and is not thread-safe.
 */
package io.etw4j.json;
