package io.etw4j.samples;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;

/**
 * {@code scm-monitor}: the typed SCM events ({@link ScmEvent}: which process created, started, controlled or
 * reconfigured a service, which caused a driver to load) as JSON lines, one event per line, in the format of
 * {@code etw-samples/JSON-FORMAT.md}. A summary goes to stderr at the end.
 */
@Command(name = "scm-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = Etw4jSamples.Version.class,
        description = {
            "Prints SCM events (service created/started/controlled/changed, driver loaded) as JSON lines.",
            "",
            "One JSON object per event on stdout (field reference: etw-samples/JSON-FORMAT.md); warnings and a "
                + "summary on stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, nothing lost or skipped",
            "1:ran to the end, but events were lost (live) or malformed parts of the file skipped (replay)",
            "2:bad command line",
            "3:could not run (not Windows for live, file unreadable, bad message table, an ETW call failed)"
        })
public final class ScmMonitorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--no-wpp", description = "Do not use the SCM WPP provider (Service Control Manager Trace).")
    private boolean noWpp;

    @Option(names = "--no-services", description = "Do not use Microsoft-Windows-Services.")
    private boolean noServices;

    @Option(names = "--no-kernel", description = "Do not use Microsoft-Windows-Kernel-Process (no process table, "
            + "no driver loads).")
    private boolean noKernel;

    @Option(names = "--message-table", paramLabel = "FILE",
            description = "SCM WPP message table override for your Windows build (see etw-scm).")
    private Path messageTable;

    @Option(names = "--hex-bytes", paramLabel = "N", defaultValue = "32",
            description = "Payload bytes of the raw record shown in record.payloadHex (-1: all). "
                    + "Default: ${DEFAULT-VALUE}.")
    private int hexBytes;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N events.")
    private long maxEvents = -1;

    private final Flux<EventRecord> fixedRecords;

    /** The command, reading the source its options name. */
    public ScmMonitorCommand() {
        this(null);
    }

    /** The command over a fixed source of records (tests). */
    ScmMonitorCommand(Flux<EventRecord> fixedRecords) {
        this.fixedRecords = fixedRecords;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ScmMonitor.Builder builder = ScmMonitor.builder()
                .scmWpp(!noWpp).servicesProvider(!noServices).kernelProcess(!noKernel);
        if (messageTable != null) {
            builder.messageTable(messageTable);
        }
        ScmMonitor monitor = builder.from(fixedRecords);
        return print(monitor, err, false);
    }

    private int print(ScmMonitor monitor, PrintWriter err, boolean problems) {
        JsonLines lines = new JsonLines(spec.commandLine().getOut(), true);
        Map<String, Long> byType = new TreeMap<>();
        Flux<ScmEvent> events = monitor.events();
        if (maxEvents >= 0) {
            events = events.take(maxEvents);
        }
        events.doOnNext(e -> {
            lines.write(ScmEventJson.toJson(e, hexBytes));
            byType.merge(e.getClass().getSimpleName(), 1L, Long::sum);
        }).blockLast();
        lines.flush();
        err.println("scm-monitor: " + lines.written() + " events " + byType + "; message table: "
                + monitor.messageTableDescription() + "; WPP message GUIDs seen: " + monitor.messageGuidsSeen());
        err.flush();
        return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
