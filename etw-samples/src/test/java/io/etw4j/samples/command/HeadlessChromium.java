package io.etw4j.samples.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, run headless on a local page (test helper): {@link #dumpDom} prints the DOM after the page's
 * scripts ran, {@link #screenshot} writes a PNG. Every run gets a fresh profile folder and no network (the flags of
 * the machine notes: no sandbox, no GPU, no QUIC, no background networking, no component updates, no sync).
 * {@link #require} skips the calling test when the browser is absent, and fails it instead under CI ({@code CI=true}),
 * so that the browser test cannot pass silently there; {@code .ci/run} installs the package.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("ETW4J_CHROMIUM", "/usr/bin/chromium"));

    /** The output of one run. */
    record Run(int exitCode, String out, String err) {
    }

    private HeadlessChromium() {
    }

    /** Skips (or, under CI, fails) the test when the browser is not installed. */
    static void require() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String why = BINARY + " not found: install Debian's chromium (apt-get install -y chromium), as .ci/run does";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /** {@return the DOM of {@code page} after its scripts ran, and the browser's log (console messages included)} */
    static Run dumpDom(Path page, Path work) throws IOException, InterruptedException {
        return run(work, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString());
    }

    /** Writes a screenshot of {@code page} to {@code png}. */
    static Run screenshot(Path page, Path png, Path work) throws IOException, InterruptedException {
        return run(work, "--window-size=1280,640", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString());
    }

    private static Run run(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = work.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = work.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish within 120 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
