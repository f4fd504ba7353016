package io.etw4j.samples.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test helper: finds the real captures in {@code shared/etl} (beside the checkout) by walking up from the working directory. */
public final class SharedEtl {
    private SharedEtl() {
    }

    /** {@code shared/etl/name} in the working directory or one of its parents, if it exists. */
    public static Optional<Path> find(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("etl").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The reason a test is skipped when {@code name} is absent. */
    public static String absent(String name) {
        return "shared/etl/" + name + " not found walking up from " + Path.of("").toAbsolutePath()
                + " (the captures live in ../shared beside the checkout)";
    }
}
