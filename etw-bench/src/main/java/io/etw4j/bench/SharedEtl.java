package io.etw4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a capture of the shared test material ({@code ../shared/etl} beside the checkout): walks up from the working
 * directory and, at each level, looks for {@code shared/etl/NAME}. So the benchmarks run from the repository root (or
 * any folder inside it) with no path given. Stateless.
 */
final class SharedEtl {
    private SharedEtl() {
    }

    /**
     * The path of {@code shared/etl/name} in the working directory or the nearest parent that has it.
     *
     * @throws IllegalStateException if no parent has it (say where it is with {@code -p file=...})
     */
    static Path locate(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("etl").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/etl/" + name + " not found in " + start
                + " or any parent; pass -p file=/path/to/" + name);
    }
}
