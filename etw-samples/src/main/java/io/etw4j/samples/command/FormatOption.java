package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.json.DevicePaths;
import io.etw4j.json.JsonFormat;
import io.etw4j.json.JsonLinesWriter;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --format native|ecs|ocsf} option of the commands that print events as JSON lines (etw-json's
 * {@link JsonFormat}): etw4j's own fields (the default), the Elastic Common Schema, or OCSF. A picocli mixin; one
 * instance per command line.
 */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "native",
            converter = FormatConverter.class,
            description = "JSON lines in etw4j's own fields (native), the Elastic Common Schema (ecs) or OCSF (ocsf). "
                    + "Default: ${DEFAULT-VALUE}.")
    JsonFormat format = JsonFormat.NATIVE;

    /**
     * The writer's builder; for ECS and OCSF the device paths are mapped with {@code etl}'s own volume records when it
     * is given (a replay: one more read of the file), else with the host's (a live session).
     */
    JsonLinesWriter.Builder builder(PrintWriter out, EtlFile etl) {
        return builder(out, paths(etl));
    }

    /** As {@link #builder(PrintWriter, EtlFile)}, the lines written into {@code out} as UTF-8 bytes. */
    JsonLinesWriter.Builder builder(OutputStream out, EtlFile etl) {
        return JsonLinesWriter.builder(out, format).devicePaths(paths(etl));
    }

    private DevicePaths paths(EtlFile etl) {
        return format == JsonFormat.NATIVE ? DevicePaths.none()
                : etl == null ? DevicePaths.host() : DevicePaths.fromTrace(etl);
    }

    /** The writer's builder with {@code paths} for the device paths (ECS and OCSF). */
    JsonLinesWriter.Builder builder(PrintWriter out, DevicePaths paths) {
        return JsonLinesWriter.builder(out, format).devicePaths(paths);
    }

    /** Case-insensitive names of {@link JsonFormat}. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<JsonFormat> {
        @Override
        public JsonFormat convert(String value) {
            return JsonFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
