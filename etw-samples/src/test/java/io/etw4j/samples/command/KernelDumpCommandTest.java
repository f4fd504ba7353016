package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.session.KernelStackEvent;
import io.etw4j.core.session.LogFile;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.samples.Etw4jSamples;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kernel-dump}: the whole command over etw-core's fake native layer (the session it starts, the JSON lines it
 * prints, how it stops), and its one line off Windows over the real host.
 */
@Timeout(60)
class KernelDumpCommandTest {
    private static final String KERNEL_LOGGER = "NT Kernel Logger";
    /** SystemTraceControlGuid (evntrace.h): the NT Kernel Logger's Wnode.Guid. */
    private static final UUID SYSTEM_TRACE_CONTROL = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");
    /** EVENT_TRACE_FLAG_PROCESS | EVENT_TRACE_FLAG_IMAGE_LOAD | EVENT_TRACE_FLAG_NETWORK_TCPIP (evntrace.h). */
    private static final int DEFAULT_FLAGS = 0x0000_0001 | 0x0000_0004 | 0x0001_0000;

    private final FakeEtwNative fake = new FakeEtwNative();

    /** Runs {@code kernel-dump args...} with the command over {@link #fake}, as if on Windows. */
    private CommandRun runOverFake(String... args) {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withShutdownHook(false);
        KernelDumpCommand.Host host = new KernelDumpCommand.Host(() -> { },
                b -> SessionInternals.withEnvironment(b, env), false);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == KernelDumpCommand.class ? cls.cast(new KernelDumpCommand(host))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        String[] line = new String[args.length + 1];
        line[0] = "kernel-dump";
        System.arraycopy(args, 0, line, 1, args.length);
        return CommandRun.run(Etw4jSamples.commandLine(factory), line);
    }

    /**
     * A Process/Start record as the NT Kernel Logger delivers it: the Process class GUID as provider id, event type 1
     * as opcode, version 4, and a payload in the layout of kernel-mof.tsv's Process_V4_TypeGroup1 (64-bit pointers):
     * UniqueProcessKey, ProcessId, ParentId, SessionId, ExitStatus, DirectoryTableBase, Flags, UserSID (TOKEN_USER:
     * two pointer-sized slots, then S-1-5-18), ImageFileName (ANSI), CommandLine, PackageFullName, ApplicationId
     * (UTF-16, NUL-terminated).
     */
    static EventRecord processStart(int pid, int parentPid, String image, String commandLine) {
        byte[] payload = LeBytes.le().u64(0xffff_a08c_1234_5080L).u32(pid).u32(parentPid).u32(1).u32(259)
                .u64(0x1_2345_6000L).u32(0)
                .u64(0xffff_a08c_0000_1000L).u64(0) // TOKEN_USER: Sid pointer, Attributes (padded)
                .raw(1, 1, 0, 0, 0, 0, 0, 5).u32(18) // S-1-5-18: revision 1, 1 sub-authority, NT authority
                .ansiz(image)
                .utf16z(commandLine)
                .u16(0).u16(0) // PackageFullName, ApplicationId: empty
                .bytes();
        return EventRecord.builder().headerKind(HeaderKind.SYSTEM).providerId(KernelStackEvent.PROCESS_CLASS)
                .descriptor(new EventDescriptor(0, 4, 0, 0, 1, 0, 0L)).processId(parentPid).threadId(8)
                .payload(payload).build();
    }

    @Test
    void aRecordFileThatExistsOrIsASymlinkIsRefusedBeforeTheSessionStarts(@TempDir Path dir) throws Exception {
        fake.emit(processStart(4711, 900, "cmd.exe", "cmd.exe /c exit 0"));
        Path existing = java.nio.file.Files.writeString(dir.resolve("old.etl"), "keep");
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link.etl"), dir.resolve("elsewhere.etl"));

        CommandRun refused = runOverFake("--record", existing.toString(), "--max-records", "1");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("kernel-dump: cannot record: ").contains("exists: refused (--force");
        CommandRun linked = runOverFake("--record", link.toString(), "--force", "--max-records", "1");
        assertThat(linked.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(linked.err()).contains("is a symbolic link");
        assertThat(fake.startConfigs()).as("no session was started").isEmpty();
        assertThat(java.nio.file.Files.readString(existing)).isEqualTo("keep");

        CommandRun forced = runOverFake("--record", existing.toString(), "--force", "--max-records", "1");
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.OK);
        assertThat(fake.startConfigs().get(0).logFileName()).isEqualTo(existing.toAbsolutePath().toString());
    }

    @Test
    void byDefaultItRunsTheNtKernelLoggerWithProcessImageAndTcpIpAndPrintsDecodedLines() {
        fake.emit(processStart(4711, 900, "cmd.exe", "cmd.exe /c exit 0"));

        CommandRun run = runOverFake("--max-records", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        SessionConfig started = fake.startConfigs().get(0);
        assertThat(started.enableFlags()).isEqualTo(DEFAULT_FLAGS);
        assertThat(started.sessionGuid()).isEqualTo(SYSTEM_TRACE_CONTROL);
        assertThat(started.logFileMode()).isEqualTo(SessionConfig.EVENT_TRACE_REAL_TIME_MODE);
        assertThat(started.logFileName()).isNull();
        assertThat(fake.calls()).containsSubsequence("START " + KERNEL_LOGGER, "OPEN " + KERNEL_LOGGER,
                "STOP " + KERNEL_LOGGER).noneMatch(c -> c.startsWith("ENABLE") || c.startsWith("SET_INFORMATION"));
        assertThat(fake.runningSessions()).as("--max-records cancelled the run, which stopped the session").isEmpty();

        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        // the record object of etl-dump / provider-dump, unchanged
        assertThat(line.get("kind").asText()).isEqualTo("SYSTEM");
        assertThat(line.get("provider").asText()).isEqualTo("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
        assertThat(line.get("opcode").asInt()).isEqualTo(1);
        assertThat(line.get("version").asInt()).isEqualTo(4);
        assertThat(line.get("pid").asInt()).isEqualTo(900);
        assertThat(line.get("payloadHex").asText()).hasSize(2 * HexBytesOption.DEFAULT);
        // plus "decoded", from the shipped MOF table
        JsonNode decoded = line.get("decoded");
        assertThat(decoded.get("provider").asText()).isEqualTo("MSNT_SystemTrace");
        assertThat(decoded.get("event").asText()).isEqualTo("Process/Start");
        assertThat(decoded.get("source").asText()).isEqualTo("MOF");
        assertThat(decoded.get("errors")).isEmpty();
        JsonNode fields = decoded.get("fields");
        assertThat(fields.get("ImageFileName").asText()).isEqualTo("cmd.exe");
        assertThat(fields.get("CommandLine").asText()).isEqualTo("cmd.exe /c exit 0");
        // ProcessId is HEXINT32 in the MOF: still a JSON number (one type per field on every line), the hex output
        // type named in hexFields as a formatting hint (JSON-FORMAT.md, "The decoded object")
        assertThat(fields.get("ProcessId").isIntegralNumber()).isTrue();
        assertThat(fields.get("ProcessId").asLong()).isEqualTo(4711);
        assertThat(fields.get("ParentId").isIntegralNumber()).isTrue();
        assertThat(fields.get("ParentId").asLong()).isEqualTo(900);
        assertThat(decoded.get("hexFields").toString()).contains("\"ProcessId\"", "\"ParentId\"");
        assertThat(fields.get("UserSID").asText()).isEqualTo("S-1-5-18");

        assertThat(run.err()).contains("kernel-dump: starting session NT Kernel Logger with "
                + "PROCESS,IMAGE_LOAD,NETWORK_TCPIP").contains("kernel-dump: 1 records (0 without a schema)");
    }

    @Test
    void aRecordWithoutASchemaIsPrintedWithDecodedNullAndCounted() {
        EventRecord unknown = EventRecord.builder().headerKind(HeaderKind.SYSTEM)
                .providerId(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"))
                .descriptor(new EventDescriptor(0, 0, 0, 0, 7, 0, 0L)).payload(new byte[] {1, 2}).build();
        fake.emit(unknown);

        CommandRun run = runOverFake("--max-records", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.jsonLines().get(0).get("decoded").isNull()).isTrue();
        assertThat(run.err()).contains("1 records (1 without a schema)");
    }

    @Test
    void systemLoggerStacksAndRecordGoToTheSession(@TempDir Path dir) {
        fake.emit(processStart(4711, 900, "cmd.exe", "cmd.exe"));
        Path etl = dir.resolve("kernel.etl");

        CommandRun run = runOverFake("--system-logger", "--flags", "PROCESS,IMAGE_LOAD", "--stacks",
                "--record", etl.toString(), "--max-records", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        // an owned etw4j name: etw4j-{name}~{pid}-{start} (the fake owner is pid 100, started at 1000)
        assertThat(fake.calls()).contains("START etw4j-kernel-dump~100-1000", "STOP etw4j-kernel-dump~100-1000");
        SessionConfig started = fake.startConfigs().get(0);
        assertThat(started.enableFlags()).isEqualTo(0x1 | 0x4);
        assertThat(started.sessionGuid()).as("SystemTraceControlGuid is the NT Kernel Logger's alone")
                .isNotEqualTo(SYSTEM_TRACE_CONTROL);
        assertThat(started.logFileMode()).isEqualTo(SessionConfig.EVENT_TRACE_REAL_TIME_MODE
                | SessionConfig.EVENT_TRACE_SYSTEM_LOGGER_MODE | LogFile.EVENT_TRACE_FILE_MODE_SEQUENTIAL);
        assertThat(started.logFileName()).isEqualTo(etl.toAbsolutePath().toString());
        // the stacks: two CLASSIC_EVENT_IDs (GUID, Type, 7 reserved bytes) for Process type 1 and Image type 10
        List<FakeEtwNative.SetInformation> set = fake.setInformationCalls();
        assertThat(set).extracting(FakeEtwNative.SetInformation::informationClass)
                .containsExactly(EtwNative.TRACE_STACK_TRACING_INFO);
        byte[] ids = set.get(0).information();
        assertThat(ids).hasSize(2 * 24);
        assertThat(HexFormat.of().formatHex(ids, 0, 17)).isEqualTo("d0a86f3d05fed0119dda00c04fd7ba7c01");
        assertThat(HexFormat.of().formatHex(ids, 24, 24 + 17)).isEqualTo("1d5db12cc15fd211abe100a0c911f5180a");
        assertThat(run.err()).contains("kernel-dump: recording to " + etl.toAbsolutePath())
                .contains("etl-dump --decode " + etl);
    }

    @Test
    void aRunningNtKernelLoggerFailsTheStartWithALineNamingTheOptionsThatHelp() {
        fake.addSession(KERNEL_LOGGER);

        CommandRun run = runOverFake("--max-records", "1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("kernel-dump: StartTraceW failed: 0xb7 ERROR_ALREADY_EXISTS")
                .contains("NT Kernel Logger already runs").contains("--replace").contains("--system-logger");
        assertThat(fake.runningSessions()).as("left alone").containsExactly(KERNEL_LOGGER);
    }

    @Test
    void replaceStopsTheRunningNtKernelLoggerAndStartsItsOwn() {
        fake.addSession(KERNEL_LOGGER);
        fake.emit(processStart(4711, 900, "cmd.exe", "cmd.exe"));

        CommandRun run = runOverFake("--replace", "--max-records", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(fake.calls()).containsSubsequence("START " + KERNEL_LOGGER, "STOP " + KERNEL_LOGGER,
                "START " + KERNEL_LOGGER, "OPEN " + KERNEL_LOGGER, "STOP " + KERNEL_LOGGER);
        assertThat(run.jsonLines()).hasSize(1);
    }

    @Test
    void flagsAreKernelFlagNamesAndAnythingElseIsAUsageError() {
        CommandRun run = runOverFake("--flags", "PROCESS,NOT_A_GROUP");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("NOT_A_GROUP").contains("REGISTRY");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void theOptionsMakeTheSessionWithoutAnyNativeCall() {
        KernelDumpCommand command = new KernelDumpCommand();
        new CommandLine(command).parseArgs("--flags", "REGISTRY,FILE_IO");
        assertThat(command.sessionBuilder().build().sessionName()).isEqualTo(KERNEL_LOGGER);
        assertThat(command.flags).extracting(Enum::name).containsExactly("REGISTRY", "FILE_IO");
    }

    @Test
    void offWindowsItPrintsOneLineAndTheLiveFailureCode() {
        assumeFalse(System.getProperty("os.name", "").startsWith("Windows"),
                "checks the non-Windows path; on Windows this would start the NT Kernel Logger");
        CommandRun run = CommandRun.run("kernel-dump");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("kernel-dump: kernel tracing needs Windows (this JVM runs on '")
                .contains("etl-dump --decode");
    }

    @Test
    void helpTeachesTheKernelLoggerAndListsTheFlags() {
        CommandRun run = CommandRun.run("kernel-dump", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("NT Kernel Logger").contains("only one runs").contains("Windows 8")
                .contains("NETWORK_TCPIP").contains("CONTEXT_SWITCH").contains("Exit codes:");
    }
}
