package io.etw4j.samples.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import io.etw4j.samples.text.MarkdownText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code formats}: prints the reference of the samples' output (JSON fields, stderr lines, exit codes), the Markdown
 * text shipped in the jar as {@value #RESOURCE}, so that a user of the jar alone can read it: as plain text
 * ({@link MarkdownText}), or with {@code --markdown} the source itself.
 */
@Command(name = "formats",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = "Prints the reference of the JSON output, the stderr lines and the exit codes of every "
                + "subcommand, shipped in this jar: as text for a terminal, or with --markdown as the Markdown source.",
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_2})
public final class FormatsCommand implements Callable<Integer> {
    /** The classpath resource printed. */
    static final String RESOURCE = "/io/etw4j/samples/JSON-FORMAT.md";

    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown", description = "Print the Markdown source (JSON-FORMAT.md) instead of text.")
    private boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown ? text() : MarkdownText.render(text()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The reference text. */
    static String text() {
        try (InputStream in = FormatsCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
