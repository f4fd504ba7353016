package io.etw4j.spark;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.history.HistoryEvent;
import io.etw4j.scm.history.HistoryScmEvent;
import io.etw4j.scm.history.ScmEvmFile;
import io.etw4j.scm.history.ScmHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scm view over a folder of several hosts' synthetic SCM history (SCM.EVM files built byte by byte by etw-scm's
 * {@link ScmEvmFile}: WPP messages of services.exe under stand-in message GUIDs pinned by the shipped message
 * table's file prefixes 119db94a (ScCreateServiceRpc), 91aecf8c (start) and a8d36da9 (control)): the rows equal
 * {@link ScmHistory}'s events of each file, and the README's SQL answers "which processes created a service named
 * evilsvc, on which hosts, when". Process ids are multiples of 4 (the decoders take no other as plausible).
 */
class ScmViewTest {

    static final Instant BOOT = Instant.parse("2024-05-01T08:00:00Z");

    @TempDir
    Path fleet;

    static UUID guid(String file, int build) {
        return UUID.fromString(file + "-0000-4000-8000-00000000000" + build);
    }

    static byte[] create(String name, int pid) {
        return le().utf16z(name).u32(0).u32(pid).bytes(); // WPP_SF_SLd: name, WOW type, PID
    }

    static byte[] control(int code, String name, int pid) {
        return le().u32(code).utf16z(name).u32(pid).u64(0xFFFF_A000_1234_0000L).u64(77).bytes();
    }

    @BeforeEach
    void writeFleet() throws Exception {
        host("HOST-A", 0, "SCM.EVM", "evilsvc", 4244, "spooler");
        host("HOST-A", -1, "SCM.EVM.1", "oldsvc", 1000, "bits");
        host("HOST-B", 0, "SCM.EVM", "goodsvc", 5152, "wuauserv");
        host("HOST-C", 0, "SCM.EVM", "evilsvc", 776, "evilsvc");
        Files.writeString(fleet.resolve("HOST-C").resolve("notes.txt"), "not a trace");
    }

    private void host(String host, int bootDays, String fileName, String created, int pid, String controlled)
            throws Exception {
        ScmEvmFile f = new ScmEvmFile(BOOT.plus(Duration.ofDays(bootDays)).plusSeconds(host.hashCode() & 0xFF),
                Duration.ofSeconds(20)).ringBuffersWritten(4);
        f.wpp(1, 0, guid("119db94a", 2), 0x28, 900, create(created, pid));
        f.wpp(2, 0, guid("91aecf8c", 2), 0x0c, 904, le().utf16z(created).u32(pid).bytes());
        f.wpp(2, 1, guid("91aecf8c", 2), 0x0d, 904, le().utf16z(created).u32(0).u32(0).bytes());
        f.wpp(3, 0, guid("a8d36da9", 2), 0x73, 908, control(1, controlled, pid + 4));
        Path dir = Files.createDirectories(fleet.resolve(host));
        Files.write(dir.resolve(fileName), f.build());
    }

    private static String describe(String file, ScmEvent e, String serviceName) {
        return file + "|" + e.getClass().getSimpleName() + "|" + RecordsViewTest.micros(e.timestamp()) + "|"
                + serviceName + "|" + e.client().pid() + "|" + e.evidence();
    }

    private static String serviceName(ScmEvent e) {
        for (var c : e.getClass().getRecordComponents()) {
            if (c.getName().equals("serviceName")) {
                try {
                    return String.valueOf(c.getAccessor().invoke(e));
                } catch (ReflectiveOperationException x) {
                    throw new AssertionError(x);
                }
            }
        }
        return null;
    }

    @Test
    void rowsEqualScmHistoryFileByFile() throws Exception {
        List<String> expected = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(fleet)) {
            walk.filter(p -> p.getFileName().toString().startsWith("SCM.EVM")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            for (HistoryEvent h : ScmHistory.open(List.of(f)).events().toIterable()) {
                if (h instanceof HistoryScmEvent s) {
                    expected.add(describe(f.toString(), s.event(), serviceName(s.event())));
                }
            }
        }
        List<String> got = new ArrayList<>();
        for (Row r : LocalSpark.session().read().format("etw4j").option("view", "scm").load(fleet + "/*/SCM.EVM*")
                .collectAsList()) {
            Instant t = r.getAs("time");
            got.add(r.getAs("file") + "|" + r.getAs("type") + "|" + RecordsViewTest.micros(t) + "|"
                    + r.getAs("service_name") + "|" + r.getAs("client_pid") + "|" + r.getAs("evidence"));
        }

        assertThat(expected).hasSizeGreaterThanOrEqualTo(4 * 3);
        assertThat(expected).filteredOn(e -> e.contains("|ServiceCreated|")).hasSize(4);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The SQL block after the marker {@code <!-- etw4j-spark: README SQL test -->} in README.md. */
    static String readmeSql() throws Exception {
        Path readme = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && readme == null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("etw4j-spark"))) {
                readme = d.resolve("README.md");
            }
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- etw4j-spark: README SQL test -->\\s*```sql\\n(.*?)```", Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("README.md has the marked SQL block").isTrue();
        return m.group(1).trim().replaceAll(";$", "");
    }

    @Test
    void theReadmeSqlFindsWhoCreatedTheServiceOnWhichHostsWhen() throws Exception {
        SparkSession spark = LocalSpark.session();
        spark.read().format("etw4j").option("view", "scm").option("host", "parent-folder")
                .load(fleet + "/*/SCM.EVM*").createOrReplaceTempView("scm");


        List<Row> rows = spark.sql(readmeSql()).collectAsList();

        List<String> got = new ArrayList<>();
        for (Row r : rows) {
            got.add(r.getAs("host") + " " + r.getAs("client_pid"));
        }
        assertThat(got).containsExactly("HOST-A 4244", "HOST-C 776");
    }
}
