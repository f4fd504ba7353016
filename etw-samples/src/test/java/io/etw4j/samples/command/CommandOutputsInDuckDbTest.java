package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands' JSON lines loaded into a real database: DuckDB (in-process, through its JDBC driver) reads each output
 * with {@code read_json_auto}, which infers one type per column from the values; a column whose values change type
 * from line to line would come out as {@code JSON} or {@code VARCHAR}. Asserted: times are timestamps, process ids
 * BIGINT, and every line is a row.
 */
class CommandOutputsInDuckDbTest {
    @TempDir
    static Path dir;
    static Connection db;

    @BeforeAll
    static void open() throws SQLException {
        db = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** Runs the command, writes its stdout to a file, returns the file and checks its line count. */
    static Path output(String name, String... args) throws Exception {
        CommandRun r = CommandRun.run(args);
        assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        Path f = dir.resolve(name + ".jsonl");
        Files.writeString(f, r.out(), StandardCharsets.UTF_8);
        return f;
    }

    static long lines(Path f) throws Exception {
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).count();
    }

    /** The DuckDB type of {@code expression} over the rows of {@code f}, and that it has as many rows as lines. */
    static String type(Path f, String expression) throws Exception {
        try (Statement s = db.createStatement()) {
            String from = " FROM read_json_auto('" + f + "', sample_size = -1, maximum_object_size = 67108864)";
            try (ResultSet rows = s.executeQuery("SELECT count(*)" + from)) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows of " + f.getFileName()).isEqualTo(lines(f));
            }
            try (ResultSet t = s.executeQuery("SELECT DISTINCT typeof(" + expression + ")" + from)) {
                assertThat(t.next()).isTrue();
                String type = t.getString(1);
                assertThat(t.next()).as("one type for " + expression).isFalse();
                return type;
            }
        }
    }

    static Path capture(String name) {
        Optional<Path> p = SharedEtl.find(name);
        assumeTrue(p.isPresent(), () -> SharedEtl.absent(name));
        return p.get();
    }

    @Test
    void etlDumpRecords() throws Exception {
        Path f = output("records", "etl-dump", capture("powershell.etl").toString());
        assertThat(type(f, "\"time\"")).startsWith("TIMESTAMP");
        assertThat(type(f, "pid")).isEqualTo("BIGINT");
        assertThat(type(f, "\"etw4j.schema\"")).isEqualTo("VARCHAR");
    }

    @Test
    void etlDumpDecodedKernelRecords() throws Exception {
        // decoded fields: ProcessId is HEXINT32 in Process events and UINT32 in Image events, one JSON type now
        Path f = output("decoded", "etl-dump", "--decode", capture("ShutdownPerfDiagLogger.etl").toString());
        assertThat(type(f, "decoded.fields.ProcessId")).isEqualTo("BIGINT");
        assertThat(type(f, "pid")).isEqualTo("BIGINT");
    }

    @Test
    void etlDumpEcsAndOcsf() throws Exception {
        Path ecs = output("records-ecs", "etl-dump", "--format", "ecs", "--decode",
                capture("ShutdownPerfDiagLogger.etl").toString());
        assertThat(type(ecs, "\"@timestamp\"")).startsWith("TIMESTAMP");
        assertThat(type(ecs, "process.pid")).isEqualTo("BIGINT");
        Path ocsf = output("records-ocsf", "etl-dump", "--format", "ocsf", "--decode",
                capture("ShutdownPerfDiagLogger.etl").toString());
        assertThat(type(ocsf, "\"time\"")).isEqualTo("BIGINT");
        assertThat(type(ocsf, "time_dt")).startsWith("TIMESTAMP");
        assertThat(type(ocsf, "actor.process.pid")).isEqualTo("BIGINT");
        assertThat(type(ocsf, "class_uid")).isEqualTo("BIGINT");
    }

    @Test
    void scmMonitorNativeEcsOcsf() throws Exception {
        Path n = output("scm", "scm-monitor", "--replay-demo");
        assertThat(type(n, "\"time\"")).startsWith("TIMESTAMP");
        assertThat(type(n, "client.pid")).isEqualTo("BIGINT");
        Path e = output("scm-ecs", "scm-monitor", "--replay-demo", "--format", "ecs");
        assertThat(type(e, "\"@timestamp\"")).startsWith("TIMESTAMP");
        assertThat(type(e, "process.pid")).isEqualTo("BIGINT");
        assertThat(lines(e)).isEqualTo(lines(n));
        Path o = output("scm-ocsf", "scm-monitor", "--replay-demo", "--format", "ocsf");
        assertThat(type(o, "time_dt")).startsWith("TIMESTAMP");
        assertThat(type(o, "actor.process.pid")).isEqualTo("BIGINT");
        assertThat(lines(o)).isEqualTo(lines(n));
    }

    @Test
    void scmMonitorWithRpcCorroboration() throws Exception {
        String etl = CommandOutputsConformToSchemasTest.rpcRun(dir).toString();
        Path n = output("rpc", "scm-monitor", "--rpc-corroboration", "--replay", etl);
        assertThat(lines(n)).isEqualTo(6);
        assertThat(type(n, "client.corroborated")).isEqualTo("BOOLEAN");
        assertThat(type(n, "opnum")).isEqualTo("BIGINT");
        Path e = output("rpc-ecs", "scm-monitor", "--rpc-corroboration", "--replay", etl, "--format", "ecs");
        assertThat(type(e, "etw4j.corroborated")).isEqualTo("BOOLEAN");
        assertThat(type(e, "process.pid")).isEqualTo("BIGINT");
        Path o = output("rpc-ocsf", "scm-monitor", "--rpc-corroboration", "--replay", etl, "--format", "ocsf");
        assertThat(type(o, "unmapped.etw4j.corroborated")).isEqualTo("BOOLEAN");
        assertThat(type(o, "actor.process.pid")).isEqualTo("BIGINT");
    }

    @Test
    void scmHistory() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scm"));
        CommandOutputsConformToSchemasTest.scmFolder(folder);
        Path n = output("history", "scm-history", folder.toString());
        assertThat(type(n, "\"time\"")).startsWith("TIMESTAMP");
        Path e = output("history-ecs", "scm-history", "--format", "ecs", folder.toString());
        assertThat(type(e, "\"@timestamp\"")).startsWith("TIMESTAMP");
        Path o = output("history-ocsf", "scm-history", "--format", "ocsf", folder.toString());
        assertThat(type(o, "time_dt")).startsWith("TIMESTAMP");
        assertThat(lines(o)).isEqualTo(lines(n));
    }
}
