package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code etl-summary --html} page rendered by a real browser (Debian's chromium, headless): its script ran without
 * error, the provider rows, the SCM lanes and the marks are there, and a hostile service name stays text. The
 * screenshot it takes is the README's picture: {@code -Detw4j.screenshot.update=true} copies it to
 * {@code docs/etl-summary.png}.
 */
class SummaryPageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void thePageRendersItsLanesAndMarksWithoutScriptErrorsAndAHostileNameStaysText() throws Exception {
        HeadlessChromium.require();
        Path etl = dir.resolve("scenario.etl");
        Files.write(etl, ScmScenarioCapture.build());
        Path page = dir.resolve("summary.html");

        CommandRun run = CommandRun.run("etl-summary", etl.toString(), "--html", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(page);
        assertThat(html).doesNotContain(ScmScenarioCapture.HOSTILE).contains("&lt;/svg&gt;&lt;script&gt;")
                .doesNotContain(ScmScenarioCapture.HOSTILE_CREATE).contains("Created &lt;img src=x");

        HeadlessChromium.Run dom = HeadlessChromium.dumpDom(page, dir);
        assertThat(dom.exitCode()).as(dom.err()).isZero();
        String body = bodyTag(dom.out());
        assertThat(body).contains("data-rendered=\"true\"").doesNotContain("data-pwned");
        int providers = count(dom.out(), "class=\"lane provider-lane\"");
        assertThat(providers).as("a row per provider: the logfile header (MSNT_SystemTrace), Kernel-Process, Services, the WPP message "
                + "GUID").isEqualTo(4);
        assertThat(count(dom.out(), "class=\"lane scm-lane\"")).isEqualTo(ScmScenarioCapture.LANES);
        assertThat(attribute(body, "data-lanes")).isEqualTo(providers + ScmScenarioCapture.LANES);
        assertThat(attribute(body, "data-marks")).isEqualTo(ScmScenarioCapture.EVENTS);
        assertThat(count(dom.out(), "class=\"mark\"")).isEqualTo(ScmScenarioCapture.EVENTS);
        assertThat(count(dom.out(), "<script")).as("only the page's own script element").isEqualTo(1);
        assertThat(dom.out()).contains("<pre id=\"errors\" hidden=\"\"></pre>");
        assertThat(dom.err()).doesNotContain("Uncaught").doesNotContain("Refused to");
        assertThat(dom.out()).doesNotContain("UnknownScmMessage").contains("Created evilsvc").contains("pid " + ScmScenarioCapture.SC);

        Path png = Path.of("target", "etl-summary.png");
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        HeadlessChromium.Run shot = HeadlessChromium.screenshot(page, png, dir);
        assertThat(shot.exitCode()).as(shot.err()).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        if (Boolean.getBoolean("etw4j.screenshot.update")) {
            Path docs = Path.of(System.getProperty("basedir", "."), "..", "docs", "etl-summary.png").normalize();
            Files.createDirectories(docs.getParent());
            Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String bodyTag(String dom) {
        Matcher m = Pattern.compile("<body[^>]*>").matcher(dom);
        assertThat(m.find()).as("a body element in: " + dom).isTrue();
        return m.group();
    }

    private static int attribute(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(tag);
        assertThat(m.find()).as(name + " in " + tag).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
