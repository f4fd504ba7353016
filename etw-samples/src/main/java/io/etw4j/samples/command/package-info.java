/**
 * The subcommands of {@code etw4j-samples.jar}, one class each ({@link io.etw4j.samples.command.EtlDumpCommand},
 * {@link io.etw4j.samples.command.EtlSummaryCommand}, {@link io.etw4j.samples.command.ScmMonitorCommand}, {@link io.etw4j.samples.command.ProviderDumpCommand},
 * {@link io.etw4j.samples.command.KernelDumpCommand}, {@link io.etw4j.samples.command.ScmPreflightCommand},
 * {@link io.etw4j.samples.command.ScmCalibrateCommand}, {@link io.etw4j.samples.command.FormatsCommand}), and what
 * they share: the options declared once as picocli mixins ({@code --hex-bytes}, {@code --decode} and
 * {@code --manifest}, {@code --replay}, {@code --max-records}, {@code --duration}, the filters of the reading commands
 * ({@code FilterOptions}: {@code --provider}, {@code --event-id}, {@code --pid}, {@code --since}, {@code --until},
 * {@code --fields}), {@code --progress} and {@code --html}, each with one default everywhere),
 * the help footer and version ({@link io.etw4j.samples.command.CommandHelp}), the exit codes
 * ({@link io.etw4j.samples.command.ExitCodes}), opening an .etl file with a one-line reason on failure, the
 * {@code --decode} decoder, loss warnings and the run-until-Ctrl-C loop of the live commands.
 *
 * <p>Every command writes its results to stdout and everything else (warnings, problems, statistics) to stderr. A
 * command object is created by picocli for one command line and is not thread-safe.
 */
package io.etw4j.samples.command;
