package io.etw4j.json.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test helper: finds {@code shared/schemas} (beside the checkout) by walking up from the working directory. */
public final class SharedSchemas {
    private SharedSchemas() {
    }

    /** {@code shared/schemas/sub} in the working directory or one of its parents, if it exists. */
    public static Optional<Path> find(String sub) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("schemas").resolve(sub);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code shared/etl/name}, if it exists. */
    public static Optional<Path> etl(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("etl").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
