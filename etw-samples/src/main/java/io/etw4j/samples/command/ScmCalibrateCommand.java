package io.etw4j.samples.command;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.jna.platform.win32.Winsvc;
import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlIoException;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.json.JsonEscapes;
import io.etw4j.scm.calibration.CalibrationAct;
import io.etw4j.scm.calibration.CalibrationResult;
import io.etw4j.scm.calibration.ScmCalibration;
import io.etw4j.scm.calibration.ScmMessageKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code scm-calibrate}: learns the SCM WPP message table of this Windows build (which message numbers, under which
 * message GUIDs, with which payload layouts report the service acts) by performing the acts itself on a throwaway
 * service while tracing the SCM WPP provider, then running {@link ScmCalibration} over what was traced. Writes the
 * table ({@code --table}, loadable with {@code scm-monitor --message-table} or
 * {@code ScmMonitor.builder().messageTable(path)}) and a JSON report ({@code --report}); prints one line per act.
 *
 * <p>The service calls and the trace go through {@link CalibrationHost}, so that tests run the same logic with a fake.
 */
@Command(name = "scm-calibrate",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Learns the SCM WPP message table of this Windows build and writes it as a file for scm-monitor "
                + "--message-table.",
            "",
            "Live (default; Windows, elevated): starts a real-time session enabling only the SCM WPP provider "
                + "(Service Control Manager Trace), then from this process creates a uniquely named throwaway "
                + "own-process demand-start service (etw4j-calib-<hex>, binary %%SystemRoot%%\\System32\\cmd.exe /c "
                + "exit 0), changes its configuration (ChangeServiceConfigW, ChangeServiceConfig2W description), "
                + "starts it (expected to fail: cmd.exe is not a service; the request is what is traced), sends "
                + "INTERROGATE, and deletes it (always). Then it stops the session and learns from the records that "
                + "carry the service name, inside each act's time window.",
            "Replay (any OS): --replay FILE.etl --timeline FILE.json, an .etl recorded during such a run and its "
                + "timeline (a report written by this command serves as a timeline).",
            "Stdout: one line per act (its result and the layouts it caused). Stderr: the files it will write "
                + "(first, before anything is written), what was written, records not explained, acts that logged "
                + "nothing.",
            "Outputs (--table, --report) are created new: an existing file is refused unless --force, a symbolic "
                + "link always; each is written to a temporary file in its folder and moved into place in one step; "
                + "--table and --report must name different files."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every act logged a learned record; table and report written",
            "1:table and report written, but some act logged nothing or no create message was learned (on stderr)",
            "2:bad command line",
            "3:could not run (not Windows for live, not elevated, the session could not start, CreateService "
                + "failed, an input not a regular file or unreadable, an output refused: it exists (without "
                + "--force), is a symbolic link, or --table and --report name the same file)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class ScmCalibrateCommand implements Callable<Integer> {
    /** The logical session name of the live run. */
    static final String SESSION_NAME = "scm-calibrate";
    /** The prefix of the throwaway service's name. */
    static final String SERVICE_PREFIX = "etw4j-calib-";
    /** The control sent: SERVICE_CONTROL_INTERROGATE (winsvc.h). */
    static final int CONTROL = Winsvc.SERVICE_CONTROL_INTERROGATE;

    /** The report as JSON: instants and the date as ISO-8601 text ({@code toString()}), no extra Jackson module. */
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
            .characterEscapes(JsonEscapes.INSTANCE).build()).enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("iso-8601").addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance));

    @Spec
    private CommandSpec spec;

    @Option(names = "--table", paramLabel = "FILE", defaultValue = "scm-wpp-calibrated.properties",
            description = "Where to write the learned message table. Default: ${DEFAULT-VALUE} (current directory).")
    private Path table;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "scm-calibration-report.json",
            description = "Where to write the JSON report. Default: ${DEFAULT-VALUE} (current directory).")
    private Path report;

    @Option(names = "--force",
            description = "Replace an existing --table or --report file (a regular file only: a symbolic link is "
                    + "refused even then). Without it an existing file is refused before the run starts.")
    private boolean force;

    /** --replay FILE: learn from an .etl file recorded during a calibration run (with --timeline). */
    @Mixin
    private ReplayOption replayOption = new ReplayOption();

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "The JSON timeline of the run replayed: clientPid, serviceName, imagePath, windowsBuild, "
                    + "acts [{kind, start, end, resultCode, controlCode}] (a report of this command is one).")
    private Path timeline;

    @Option(names = "--windows-build", paramLabel = "TEXT",
            description = "The Windows build written in the table (default: read from the registry live, from the "
                    + "timeline on replay).")
    private String windowsBuild;

    @Option(names = "--slack-ms", paramLabel = "MS", defaultValue = "500",
            description = "How far outside an act's time window a record may lie. Default: ${DEFAULT-VALUE}.")
    private long slackMillis;

    @Option(names = "--pause-ms", paramLabel = "MS", defaultValue = "1500",
            description = "Live: pause between acts (keep it above twice the slack). Default: ${DEFAULT-VALUE}.")
    private long pauseMillis;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Live: wait after the session started, before the first act. Default: ${DEFAULT-VALUE}.")
    private long settleMillis;

    @Option(names = "--flush-ms", paramLabel = "MS", defaultValue = "3000",
            description = "Live: wait after the last act for the session to deliver its records. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long flushMillis;

    private final CalibrationHost host;

    /** The command on this host (Windows for live runs). */
    public ScmCalibrateCommand() {
        this(new WindowsCalibrationHost());
    }

    /** The command over {@code host} (tests). */
    ScmCalibrateCommand(CalibrationHost host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path replay = replayOption.replay;
        if ((replay == null) != (timeline == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--replay and --timeline go together: the records and the acts that caused them");
        }
        for (long v : new long[] {slackMillis, pauseMillis, settleMillis, flushMillis}) {
            if (v < 0 || v > 600_000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "the millisecond options must be between 0 and 600000: " + v);
            }
        }
        if (replay == null && !host.supported()) {
            err.println("scm-calibrate: live calibration needs Windows (an elevated prompt: it creates and deletes a "
                    + "service); on this OS use --replay FILE.etl --timeline FILE.json");
            return ExitCodes.FAILED;
        }
        List<OutputFile> outputs;
        try {
            outputs = List.of(OutputFile.plan(table, force), OutputFile.plan(report, force));
            OutputFile.distinct(outputs);
        } catch (OutputFile.RefusedException e) {
            err.println("scm-calibrate: cannot write: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        if (replay != null && !(InputFile.readable("scm-calibrate", "the timeline ", timeline, false, err)
                && InputFile.readable("scm-calibrate", "", replay, false, err))) {
            return ExitCodes.FAILED;
        }
        // Said before anything is read or written: with the default names these are files of the current directory.
        err.println("scm-calibrate: will write the table to " + Failures.safe(outputs.get(0).target())
                + " and the report to " + Failures.safe(outputs.get(1).target()) + (force ? " (--force: replacing "
                + "existing files)" : " (new files: refused if they appear meanwhile)"));
        err.flush();
        if (replay != null) {
            return replay(replay, outputs, err);
        }
        return live(outputs, err);
    }

    private int replay(Path replay, List<OutputFile> outputs, PrintWriter err) {
        Timeline t;
        try {
            t = Timeline.read(timeline);
        } catch (IOException | RuntimeException e) {
            err.println("scm-calibrate: cannot read the timeline " + Failures.safe(timeline) + ": "
                    + CommandHelp.describe(e));
            return ExitCodes.FAILED;
        }
        EtlFile etl = EtlInput.open("scm-calibrate", replay, EtlReadOptions.defaults().withTimestampOrder(true), err);
        if (etl == null) {
            return ExitCodes.FAILED;
        }
        List<EventRecord> records;
        try {
            records = etl.records().collectList().block();
        } catch (EtlFormatException | EtlIoException e) {
            err.println("scm-calibrate: cannot read " + Failures.safe(replay) + ": " + Failures.safe(e.getMessage()));
            return ExitCodes.FAILED;
        }
        String build = windowsBuild != null ? windowsBuild : t.windowsBuild();
        return learn(err, outputs, t.clientPid(), t.serviceName(), t.imagePath(), build, t.acts(), records);
    }

    private int live(List<OutputFile> outputs, PrintWriter err) {
        if (!host.supported()) {
            err.println("scm-calibrate: live calibration needs Windows (an elevated prompt: it creates and deletes a "
                    + "service); on this OS use --replay FILE.etl --timeline FILE.json");
            return ExitCodes.FAILED;
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = SERVICE_PREFIX + HexFormat.of().formatHex(random);
        String binary = System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\cmd.exe /c exit 0";
        String build = windowsBuild != null ? windowsBuild : host.windowsBuild();
        try {
            host.startTrace(SESSION_NAME);
        } catch (RuntimeException e) {
            err.println("scm-calibrate: " + CommandHelp.describe(e));
            return ExitCodes.FAILED;
        }
        List<CalibrationAct> acts = new ArrayList<>();
        List<EventRecord> records;
        int createResult;
        try {
            sleep(settleMillis);
            createResult = act(acts, CalibrationAct.Kind.CREATE, () -> host.create(name, binary));
            if (createResult == 0) {
                try {
                    pause();
                    act(acts, CalibrationAct.Kind.CHANGE_CONFIG,
                            () -> host.changeConfig(name, name + " (etw4j calibration, changed)"));
                    pause();
                    act(acts, CalibrationAct.Kind.CHANGE_CONFIG2,
                            () -> host.changeDescription(name, "etw4j scm-calibrate throwaway service"));
                    pause();
                    act(acts, CalibrationAct.Kind.START, () -> host.start(name));
                    pause();
                    act(acts, CalibrationAct.Kind.CONTROL, () -> host.control(name, CONTROL));
                } finally {
                    pause();
                    act(acts, CalibrationAct.Kind.DELETE, () -> host.delete(name));
                }
            }
            sleep(flushMillis);
        } finally {
            records = host.stopTrace();
        }
        if (createResult != 0) {
            err.println("scm-calibrate: CreateServiceW failed with error " + createResult + " (5 is "
                    + "ERROR_ACCESS_DENIED: run from an elevated prompt); nothing to learn from");
            return ExitCodes.FAILED;
        }
        return learn(err, outputs, host.pid(), name, binary, build, acts, records);
    }

    /** Runs the calibration, writes the table and the report, prints the summary. */
    private int learn(PrintWriter err, List<OutputFile> outputs, long pid, String name, String binary, String build,
            List<CalibrationAct> acts, List<EventRecord> records) {
        ScmCalibration.Builder b = ScmCalibration.builder(pid, name).windowsBuild(build)
                .date(LocalDate.now(ZoneOffset.UTC)).slack(Duration.ofMillis(slackMillis)).acts(acts);
        if (binary != null) {
            b.imagePath(binary);
        }
        CalibrationResult result = b.build().calibrate(records);
        try {
            outputs.get(0).write(result.tableText().getBytes(StandardCharsets.UTF_8));
            outputs.get(1).write((JSON.writeValueAsString(result.report()) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("scm-calibrate: cannot write " + Failures.safe(table) + " or " + Failures.safe(report) + ": "
                    + (e instanceof OutputFile.RefusedException ? Failures.safe(e.getMessage())
                    : CommandHelp.describe(e)));
            return ExitCodes.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (CalibrationResult.ActReport a : result.report().acts()) {
            out.println(Failures.safe(summary(a)));
        }
        out.flush();
        CalibrationResult.Report r = result.report();
        err.println(Failures.safe("scm-calibrate: service " + name + ", client PID " + pid + ", Windows " + build
                + "; " + r.records().size() + " SCM WPP records, " + result.learned().size() + " entries learned; "
                + "wrote " + outputs.get(0).target() + " and " + outputs.get(1).target()));
        for (CalibrationResult.RecordReport u : r.unexplained()) {
            err.println(Failures.safe("scm-calibrate: not explained: record " + u.index() + " " + u.messageId()
                    + "@{" + u.messageGuid() + "} " + u.status() + ": " + u.reason()));
        }
        boolean problems = false;
        if (!r.actsThatLoggedNothing().isEmpty()) {
            err.println("scm-calibrate: acts that logged nothing naming the service: "
                    + Failures.safe(r.actsThatLoggedNothing()));
            problems = true;
        }
        if (!result.learnedKind(ScmMessageKind.CREATE_SERVICE)) {
            err.println("scm-calibrate: no CREATE_SERVICE message was learned: the table cannot name service "
                    + "creators on this build (see the report)");
            problems = true;
        }
        err.flush();
        return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** {@code CREATE           result 0     0x28@{guid} CREATE_SERVICE: ... (shipped layout ...)}. */
    static String summary(CalibrationResult.ActReport a) {
        StringBuilder b = new StringBuilder(String.format("%-15s result %-5d", a.kind(), a.resultCode()));
        if (a.layouts().isEmpty()) {
            b.append(" logged nothing naming the service");
        }
        for (int i = 0; i < a.layouts().size(); i++) {
            CalibrationResult.LayoutSeen l = a.layouts().get(i);
            b.append(i == 0 ? " " : "; ").append(l.messageId()).append("@{").append(l.messageGuid()).append("} ")
                    .append(l.kind()).append(": ").append(l.fields()).append(" (").append(l.origin()).append(')');
        }
        return b.toString();
    }

    private int act(List<CalibrationAct> acts, CalibrationAct.Kind kind, IntSupplier call) {
        Instant start = Instant.now();
        int result = call.getAsInt();
        Instant end = Instant.now();
        acts.add(new CalibrationAct(kind, start, end, result,
                kind == CalibrationAct.Kind.CONTROL ? OptionalInt.of(CONTROL) : OptionalInt.empty()));
        return result;
    }

    private void pause() {
        sleep(pauseMillis);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The timeline of a run, as JSON: {@code {"clientPid": 5124, "serviceName": "...", "imagePath": "...",
     * "windowsBuild": "...", "acts": [{"kind": "CREATE", "start": "2024-...Z", "end": "...", "resultCode": 0,
     * "controlCode": null}, ...]}}. A report of this command has these fields.
     */
    record Timeline(long clientPid, String serviceName, String imagePath, String windowsBuild,
            List<CalibrationAct> acts) {
        static Timeline read(Path file) throws IOException {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            long pid = required(root, "clientPid").asLong();
            String name = required(root, "serviceName").asText();
            String image = root.hasNonNull("imagePath") ? root.get("imagePath").asText() : null;
            String build = root.hasNonNull("windowsBuild") ? root.get("windowsBuild").asText() : "unknown";
            JsonNode list = required(root, "acts");
            if (!list.isArray()) {
                throw new IllegalArgumentException("acts is not an array");
            }
            List<CalibrationAct> acts = new ArrayList<>();
            for (JsonNode a : list) {
                CalibrationAct.Kind kind = CalibrationAct.Kind.valueOf(required(a, "kind").asText());
                Instant start = Instant.parse(required(a, "start").asText());
                Instant end = Instant.parse(required(a, "end").asText());
                int resultCode = required(a, "resultCode").asInt();
                OptionalInt control = a.hasNonNull("controlCode") ? OptionalInt.of(a.get("controlCode").asInt())
                        : OptionalInt.empty();
                acts.add(new CalibrationAct(kind, start, end, resultCode, control));
            }
            return new Timeline(pid, name, image, build, acts);
        }

        private static JsonNode required(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("missing field " + field);
            }
            return v;
        }
    }
}
