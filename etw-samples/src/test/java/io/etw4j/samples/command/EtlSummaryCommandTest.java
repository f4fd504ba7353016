package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlSummaryCommandTest {
    @TempDir
    Path dir;

    @Test
    void theTableHasARowPerProviderAndEventWithNamesCountsTimesAndTopPids() throws Exception {
        Path etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
        CommandRun run = CommandRun.run("etl-summary", etl.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("PROVIDER").contains("EVENT", "COUNT", "FIRST", "LAST", "TOP PIDS");
        String start = lines.stream().filter(l -> l.contains(" 204 ")).findFirst().orElseThrow();
        assertThat(start).startsWith("Microsoft-Windows-Services").contains("2024-05-01T10:00:01.600Z")
                .contains("2024-05-01T10:00:05.200Z").endsWith("700:2");
        assertThat(start.split(" +")[1]).as("the event name from the shipped manifest").isNotEqualTo("-");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("11 records, 7 provider/event pairs");
        int column = lines.get(0).indexOf("FIRST");
        assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(l -> assertThat(l.substring(column))
                .startsWith("2024-05-01T10:00:0"));
        assertThat(run.err()).contains("SCM attribution: 11 records, 7 events emitted");
    }

    @Test
    void csvQuotesAndDefusesFormulaLikeCells() throws Exception {
        Path etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
        CommandRun run = CommandRun.run("etl-summary", "--csv", "--provider", "Microsoft-Windows-Kernel-Process",
                etl.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] rows = run.out().split("\r\n");
        assertThat(rows[0]).isEqualTo("provider_guid,provider,event,id,count,first,last,pids,top_pids");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).startsWith("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716,Microsoft-Windows-Kernel-Process,");
    }

    @Test
    void aSharedCaptureIsSummarisedAndAnExistingHtmlFileIsRefusedWithoutForce() throws Exception {
        Path ps = SharedEtl.find("powershell.etl").orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(ps != null, SharedEtl.absent("powershell.etl"));
        Path page = Files.writeString(dir.resolve("page.html"), "mine");
        CommandRun refused = CommandRun.run("etl-summary", ps.toString(), "--html", page.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("exists: refused (--force replaces it)");
        assertThat(Files.readString(page)).isEqualTo("mine");

        CommandRun run = CommandRun.run("etl-summary", ps.toString(), "--html", page.toString(), "--force");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("a0c1853b-5c40-4b15-8766-3cf1c58f985a"));
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("provider-lane")
                .doesNotContain("scm-lane");
    }

    @Test
    void thePageIsNeverWrittenThroughASymbolicLinkEvenWithForce() throws Exception {
        Path etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
        Path target = Files.writeString(dir.resolve("victim.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("page.html"), target);
        for (String cmd : new String[] {"etl-summary", "scm-history"}) {
            CommandRun run = CommandRun.run(cmd, etl.toString(), "--html", link.toString(), "--force");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("is a symbolic link: refused");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void scmMonitorAndScmHistoryWriteThePageToo() throws Exception {
        Path etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
        Path page = dir.resolve("monitor.html");
        CommandRun run = CommandRun.run("scm-monitor", "--replay", etl.toString(), "--html", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(page);
        assertThat(html.split("class=\"lane scm-lane\"", -1)).hasSize(ScmScenarioCapture.LANES + 1);
        assertThat(html.split("class=\"mark\"", -1)).hasSize(ScmScenarioCapture.EVENTS + 1);
        assertThat(html).doesNotContain("<script>document");

        Path history = dir.resolve("history.html");
        CommandRun h = CommandRun.run("scm-history", etl.toString(), "--html", history.toString());
        assertThat(h.exitCode()).as(h.err()).isZero();
        assertThat(Files.readString(history)).contains("class=\"lane scm-lane\"");
    }
}
