/**
 * The etw4j sample programs: one executable jar ({@code etw4j-samples.jar}, entry point {@link
 * io.etw4j.samples.Etw4jSamples}) with a picocli subcommand per program: {@code etl-dump}, {@code scm-monitor},
 * {@code provider-dump}, {@code scm-preflight}.
 *
 * <p>They are programs, not a library: their API is the command line, the JSON lines they print (documented in
 * {@code etw-samples/JSON-FORMAT.md}, mapped by {@link io.etw4j.samples.EventRecordJson} and
 * {@link io.etw4j.samples.ScmEventJson}) and their exit codes ({@link io.etw4j.samples.ExitCodes}). They use only the
 * public API of etw-core and etw-scm, as a user's program would.
 */
package io.etw4j.samples;
