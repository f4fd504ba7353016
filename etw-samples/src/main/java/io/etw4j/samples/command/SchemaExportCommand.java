package io.etw4j.samples.command;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.decode.SchemaExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schema-export}: writes this Windows host's event schemas (TDH) as one instrumentation manifest per provider
 * into {@code OUT/<windows build>/}, with an index, for {@code --schemas} on any OS ({@link SchemaExport}).
 */
@Command(name = SchemaExportCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {"Exports the event schemas this Windows host knows (TDH: every provider registered, every "
                + "event and version of its manifest) as instrumentation manifests, one per provider, into "
                + "OUT/<windows build>/<provider guid>.man with an index.txt of names and GUIDs. Reruns leave "
                + "unchanged files untouched. Decode this host's traces anywhere with --schemas OUT.",
            "Stdout: one summary line. Windows only."},
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_2})
public final class SchemaExportCommand implements Callable<Integer> {
    static final String NAME = "schema-export";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder that holds one folder per Windows build "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "schemas")
    Path out;

    @Option(names = "--provider", paramLabel = "NAME_OR_GUID", description = "Export only this provider (name in any "
            + "case, or GUID; repeatable). Default: every provider.")
    List<String> providers = new ArrayList<>();

    private final Supplier<SchemaExport> host;

    /** The command on this host. */
    public SchemaExportCommand() {
        this(SchemaExport::onThisHost);
    }

    /** The command over {@code host} (tests). */
    SchemaExportCommand(Supplier<SchemaExport> host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SchemaExport.Report r;
        try {
            r = host.get().providers(providers).exportTo(out);
        } catch (UnsupportedPlatformException e) {
            err.println(NAME + ": the schemas of a host come from its TDH, so this needs Windows (this JVM runs on '"
                    + e.osName() + "'); run it there once, then decode anywhere with --schemas");
            err.flush();
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println(NAME + ": cannot write " + Failures.safe(String.valueOf(out)) + ": "
                    + Failures.safe(e.getMessage()));
            err.flush();
            return ExitCodes.FAILED;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(NAME + ": " + r.manifests() + " manifests (" + r.events() + " event versions) of " + r.providers()
                + " providers in " + Failures.safe(r.folder().toString()) + "; " + r.filesWritten() + " files written, "
                + r.filesUnchanged() + " unchanged");
        o.flush();
        for (String p : r.problems().subList(0, Math.min(DecodeReport.PROBLEM_LINES, r.problems().size()))) {
            err.println(NAME + ": problem: " + Failures.safe(p));
        }
        if (r.problems().size() > DecodeReport.PROBLEM_LINES) {
            err.println(NAME + ": ... and " + (r.problems().size() - DecodeReport.PROBLEM_LINES) + " more");
        }
        if (!providers.isEmpty() && r.providers() < providers.size()) {
            err.println(NAME + ": " + (providers.size() - r.providers()) + " of the --provider names or GUIDs "
                    + "are not registered on this host");
        }
        err.flush();
        return r.problems().isEmpty() && (providers.isEmpty() || r.providers() >= providers.size()) ? ExitCodes.OK
                : ExitCodes.PROBLEMS;
    }
}
