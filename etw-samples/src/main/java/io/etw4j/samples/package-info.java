/**
 * The etw4j sample programs: one executable jar ({@code etw4j-samples.jar}, entry point {@link
 * io.etw4j.samples.Etw4jSamples}) with a picocli subcommand per program: {@code etl-dump}, {@code scm-monitor},
 * {@code provider-dump}, {@code kernel-dump}, {@code scm-preflight}, {@code scm-calibrate}.
 *
 * <p>They are programs, not a library: their API is the command line, the JSON lines they print (documented in
 * "JSON output of the etw4j samples", JSON-FORMAT.md beside the samples' README, and mapped by
 * {@link io.etw4j.samples.EventRecordJson} and {@link io.etw4j.samples.ScmEventJson}) and their exit codes
 * ({@link io.etw4j.samples.ExitCodes}). They use only the public API of etw-core and etw-scm, as a user's program
 * would, so each command class is also an example of that API.
 *
 * <h2>Where to start</h2>
 * {@link io.etw4j.samples.Etw4jSamples} lists the subcommands; {@code --help} on any of them gives its purpose, options
 * and exit codes. As code to read, {@link io.etw4j.samples.ScmMonitorCommand} shows an {@code ScmMonitor} from a live
 * session or an .etl file to JSON lines, and {@link io.etw4j.samples.EtlDumpCommand} an {@code EtlFile} read.
 *
 * <h2>Example</h2>
 * <pre>
 * java -jar etw4j-samples.jar scm-monitor --replay-demo      # the synthetic capture shipped in the jar, any OS
 * java -jar etw4j-samples.jar etl-dump trace.etl | jq .id    # every record of an .etl file as JSON lines
 * java -jar etw4j-samples.jar scm-preflight                  # Windows: can this host see the SCM trace?
 * </pre>
 */
package io.etw4j.samples;
