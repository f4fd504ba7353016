package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.samples.progress.ProgressDisplay;
import io.etw4j.samples.progress.ProgressPoller;
import io.etw4j.samples.terminal.ConsoleTerminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --progress} / {@code --no-progress} option of the commands that read files: a progress line on stderr
 * (bytes read of the total, records, rate, time left; {@link ProgressDisplay}), by default only when the JVM has a
 * terminal ({@link ConsoleTerminal#present()}: {@code Console.isTerminal()} on Java 22+, a console at all before; a
 * redirected or piped run gets none). {@code --progress} shows it anyway, {@code --no-progress} never. The line is
 * polled from the reader's statistics on a thread of its own every 200 ms and erased before the command's own lines
 * on stderr. A picocli mixin; one instance per command line.
 */
final class ProgressOption {
    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr (default: only when run in a terminal).")
    Boolean progress;

    /** Whether stderr is a terminal (tests replace it). */
    BooleanSupplier terminal = ConsoleTerminal::present;

    /** The running display, or nothing; closing it stops the poll and erases the line. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** {@return whether progress is shown: the explicit option if given, else whether stderr is a terminal} */
    boolean shown() {
        return progress != null ? progress : terminal.getAsBoolean();
    }

    /** Starts the progress of reading {@code files} with an {@code EtlFile}'s statistics, if it is {@link #shown}. */
    Running start(String label, List<Path> files, Supplier<EtlReaderStatistics> statistics, PrintWriter err) {
        return start(label, totalSize(files), () -> {
            EtlReaderStatistics s = statistics.get();
            return new ProgressDisplay.Reading(s.bytesRead(), s.records());
        }, err);
    }

    /** Starts the progress of reading {@code total} bytes, if it is {@link #shown}. */
    Running start(String label, long total, Supplier<ProgressDisplay.Reading> counters, PrintWriter err) {
        if (!shown()) {
            return () -> { };
        }
        ProgressPoller poller = new ProgressPoller(new ProgressDisplay(label, total, counters, System::nanoTime, err));
        return poller::close;
    }

    /** {@return the sum of the sizes of {@code files}, files that cannot be measured counting 0} */
    static long totalSize(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException | RuntimeException e) {
                // unknown: shown as less to read
            }
        }
        return total;
    }
}
