package io.etw4j.samples.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --session-name NAME} option of the commands that start a real-time session of their own: its logical
 * name, to which etw4j adds its prefix and owner. One default everywhere: the subcommand's name. A picocli mixin; one
 * instance per command line.
 */
final class SessionNameOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--session-name", paramLabel = "NAME",
            description = "Live: logical session name (etw4j prefixes it and adds its owner). Default: the "
                    + "subcommand's name.")
    private String sessionName;

    /** {@return the name given, else the subcommand's name} */
    String name() {
        return sessionName != null ? sessionName : command.name();
    }
}
