/**
 * The etw4j sample programs: one executable jar ({@code etw4j-samples.jar}) whose entry point,
 * {@link io.etw4j.samples.Etw4jSamples}, is the only type of this package. It runs a picocli subcommand per program:
 * {@code etl-dump}, {@code etl-summary}, {@code scm-monitor}, {@code scm-history}, {@code provider-dump}, {@code kernel-dump}, {@code scm-preflight},
 * {@code scm-calibrate} and {@code formats}.
 *
 * <p>They are programs, not a library: their API is the command line, the JSON lines they print (documented in
 * "JSON output of the etw4j samples", JSON-FORMAT.md beside the samples' README, which {@code formats} prints) and
 * their exit codes. They use only the public API of etw-core, etw-decode and etw-scm, as a user's program would, so
 * each command class is also an example of that API.
 *
 * <h2>Packages</h2>
 * <ul>
 *   <li>{@link io.etw4j.samples.command}: the subcommands, the options several of them share (picocli mixins), and
 *       their exit codes.</li>
 *   <li>{@link io.etw4j.samples.filter}: which records or events the filter options let through, and the
 *       {@code --fields} projection.</li>
 *   <li>{@link io.etw4j.samples.progress}: the progress line of long reads.</li>
 *   <li>{@link io.etw4j.samples.summary}: {@code etl-summary}'s counts, its table and CSV, and the HTML page.</li>
 *   <li>{@link io.etw4j.samples.text}: the Markdown reference as text for a terminal.</li>
 *   <li>{@link io.etw4j.samples.terminal}: the one escaping of input text on its way to stderr or a human-readable
 *       output.</li>
 *   <li>{@link io.etw4j.samples.windows}: the Windows API bindings the samples need beyond etw4j's own.</li>
 * </ul>
 *
 * <h2>Where to start</h2>
 * {@code --help} on any subcommand gives its purpose, options and exit codes. As code to read,
 * {@link io.etw4j.samples.command.ScmMonitorCommand} shows an {@code ScmMonitor} from a live session or an .etl file
 * to JSON lines, and {@link io.etw4j.samples.command.EtlDumpCommand} an {@code EtlFile} read.
 *
 * <h2>Example</h2>
 * <pre>
 * java -jar etw4j-samples.jar scm-monitor --replay-demo      # the synthetic capture shipped in the jar, any OS
 * java -jar etw4j-samples.jar etl-dump trace.etl | jq .id    # every record of an .etl file as JSON lines
 * java -jar etw4j-samples.jar scm-preflight                  # Windows: can this host see the SCM trace?
 * </pre>
 */
package io.etw4j.samples;
