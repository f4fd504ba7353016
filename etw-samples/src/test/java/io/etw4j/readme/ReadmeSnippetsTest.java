package io.etw4j.readme;

// README:imports begin
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.EventRecord;
import io.etw4j.core.RecordSource;
import io.etw4j.core.session.KernelFlag;
import io.etw4j.core.session.KernelStackEvent;
import io.etw4j.core.session.LogFile;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.SchemaFolders;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
// README:imports end

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java code of the root README.md (and the examples of the io.etw4j.core and io.etw4j.scm package-info files)
 * lives here, so that the build compiles it: each snippet is a method body between {@code // README:<name> begin} and
 * {@code // README:<name> end} (or {@code // package-info:<name>}) markers, written against the public API only (this
 * class is in a package of its own). The tests check that every {@code ```java} block of the README is one of the
 * marked snippets and every README snippet is in the README (whitespace-normalised), so neither can drift; and they
 * run the snippets that need no Windows.
 *
 * <p>Snippets that start live ETW sessions need Windows and an elevated process: they are compiled and never called.
 */
class ReadmeSnippetsTest {

    // ------------------------------------------------------------------ snippets (README "Using it")

    /** Windows only (elevated, or a member of Performance Log Users): compiled, never called. */
    static void liveSession() {
        // README:live-session begin
        Logger log = LoggerFactory.getLogger("my-agent");
        UUID kernelProcess = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"); // Microsoft-Windows-Kernel-Process
        EtwSession session = EtwSession.builder("my-agent-processes")
            .enable(Provider.of(kernelProcess).level(TraceLevel.VERBOSE).matchAnyKeyword(0x10L)) // WINEVENT_KEYWORD_PROCESS
            .build();
        Disposable subscription = session.records()  // StartTrace, EnableTraceEx2, OpenTrace done when this returns
            .subscribe(record -> log.info("{} event {} from PID {}", record.providerId(), record.id(), record.processId()),
                error -> log.error("the session ended", error));  // e.g. UnsupportedPlatformException off Windows
        session.health().subscribe(h -> { if (h.anyLoss()) log.warn("ETW loss: {}", h); });

        // when the agent stops:
        subscription.dispose();                     // ControlTrace STOP + CloseTrace, exactly once
        // README:live-session end
    }

    /** Windows only (elevated): compiled, never called. */
    static void kernelSession() {
        // README:kernel-session begin
        EtwSession kernel = EtwSession.kernelBuilder()                           // the NT Kernel Logger: one per system
            .kernelFlags(KernelFlag.PROCESS, KernelFlag.IMAGE_LOAD, KernelFlag.NETWORK_TCPIP)
            .kernelStacks(KernelStackEvent.PROCESS_START)                         // a StackWalk record follows each start
            .logFile(LogFile.circular(Path.of("C:\\traces\\kernel.etl"), 256))     // and keep the last 256 MB on disk
            .build();
        EventDecoder mof = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        Disposable printer = mof.decodeAll(kernel.sharedRecords())                // first subscriber starts the session
            .subscribe(d -> System.out.println(d.eventName().orElse("?") + " " + d.fields()),
                error -> System.err.println("kernel session ended: " + error));
        Disposable counter = kernel.sharedRecords().count().subscribe();          // joins the same run: no second session
        printer.dispose();
        counter.dispose();                                                       // the last cancel stops it
        // README:kernel-session end
    }

    /** Windows (TdhEnumerateProviders), and ClrEtwAll.man in the working directory: compiled, never called. */
    static void providersByName() {
        // README:providers-by-name begin
        Provider kernelProcess = Provider.named("Microsoft-Windows-Kernel-Process");    // Windows: TdhEnumerateProviders
        ProviderNames names = ProviderNames.live().orElse(ProviderNames.eventSource());  // then the .NET EventSource convention
        Provider runtimeCounters = Provider.named("system.runtime", names);             // any case
        Provider clr = Provider.named("Microsoft-Windows-DotNETRuntime",                  // any OS: loaded manifests
            ManifestSchemas.create(Path.of("ClrEtwAll.man")).providerNames());
        // README:providers-by-name end
    }

    /** Any OS: {@code args[0]} is an .etl file (the test runs it on the demo capture). */
    static void etlFile(String... args) {
        // README:etl-file begin
        EtlFile etl = EtlFile.open(Path.of(args[0]));      // any .etl file; reads the logfile header
        System.out.println(etl.header().loggerName() + " started " + etl.header().startTime());
        etl.records()                                      // Flux<EventRecord>, header record first, same type as live
            .take(5)
            .subscribe(r -> System.out.println(r.timestamp() + " " + r.providerId() + " event " + r.id()
                    + " from PID " + r.processId()),                          // read on this thread
                error -> System.err.println("cannot read " + args[0] + ": " + error.getMessage()));
        System.out.println(etl.statistics());              // what was read, skipped, and why
        // README:etl-file end
    }

    /** Any OS: {@code args[0]} is an .etl file (the test runs it on the demo capture). */
    static void etlScan(String... args) {
        // README:etl-scan begin
        EtlFile etl = EtlFile.open(Path.of(args[0]));
        long[] classicBytes = {0};
        var stats = etl.scan(view -> {                     // one reused RecordView: valid during its callback only
            if ((view.flags() & EventRecord.FLAG_CLASSIC_HEADER) != 0) {
                classicBytes[0] += view.payloadSize();     // read in place; view.toRecord() to keep a record
            }
        });
        System.out.println(classicBytes[0] + " payload bytes in classic events; " + stats.records() + " records");
        // README:etl-scan end
    }

    /** Any OS: {@code args[0]} is an .etl file (the test runs it on the demo capture). */
    static void scmReplay(String... args) {
        // README:scm-replay begin
        ScmMonitor.replay(Path.of(args[0])).events()      // Flux<ScmEvent>, same decoders as live
            .subscribe(e -> {
                if (e instanceof ServiceCreated c) {
                    System.out.println("service " + c.serviceName() + " created by " + c.client()
                        + " (image " + c.imagePath() + ", evidence " + c.evidence() + ")");
                }
            }, error -> System.err.println("cannot replay " + args[0] + ": " + error.getMessage()));
        // README:scm-replay end
    }

    /** Windows only (elevated): compiled, never called. */
    static void scmLive() {
        // README:scm-live begin
        Disposable monitor = ScmMonitor.create().events()  // live: the three providers, each can be switched off
            .subscribe(e -> System.out.println(e), error -> System.err.println("monitor ended: " + error));
        // README:scm-live end
        monitor.dispose();
    }

    /** Runs anywhere: the synthetic capture shipped in the etw-samples jar. */
    static List<ScmEvent> scmDemo() {
        // README:scm-demo begin
        List<ScmEvent> events = DemoCapture.replay().events().collectList().block();
        for (ScmEvent e : events) {
            System.out.println(e.getClass().getSimpleName() + " by PID " + e.client().pid()
                + " " + e.client().imagePath().orElse("?"));
        }
        // README:scm-demo end
        return events;
    }

    /** Decoding any .etl file on any OS: {@code args[0]} (the test runs it on the demo capture). */
    static void decodeEtl(String... args) {
        // README:decode begin
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create())
            .add(EmbeddedEventInfoSchemas.create()).add(KernelMofSchemas.create()).build();
        decoder.decodeAll(EtlFile.open(Path.of(args[0])).records())
            .subscribe(d -> System.out.println(d.eventName().orElse("?") + " " + d.fields() + " " + d.errors()),
                error -> System.err.println("cannot read " + args[0] + ": " + error.getMessage()));
        // README:decode end
    }

    /** ECS lines of the demo capture on stdout (any OS). */
    static void ecsLines() {
        // README:ecs-lines begin
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        JsonLinesWriter lines = JsonLinesWriter.ecsLines(out).build(); // or ocsfLines, nativeLines
        DemoCapture.replay().events().doOnNext(lines::write).blockLast();
        lines.flush();
        // README:ecs-lines end
    }

    /** Any OS, with a folder written by schema-export in the working directory: compiled, never called. */
    static void schemaFolders() {
        // README:schema-folders begin
        EtlFile etl = EtlFile.open(Path.of("trace.etl"));
        SchemaFolders schemas = SchemaFolders.open(Path.of("schemas")).preferring(etl.header());
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create())
            .add(EmbeddedEventInfoSchemas.create()).add(schemas).add(KernelMofSchemas.create()).build();
        decoder.decodeAll(etl.records()).subscribe(d -> System.out.println(d.eventName().orElse("?") + " " + d.fields()));
        System.err.println(schemas.describe());
        // README:schema-folders end
    }

    // ------------------------------------------------------------------ snippets (package-info examples)

    /** The io.etw4j.core package-info example; needs trace.etl: compiled, not called. */
    static void corePackageExample() {
        // package-info:core begin
        RecordSource source = EtlFile.open(Path.of("trace.etl"));   // or EtwSession.builder("my-agent")...build()
        source.records()
            .filter(r -> r.processId() == 4)
            .subscribe(r -> System.out.println(r.timestamp() + " " + r.providerId() + " id " + r.id()));
        System.out.println(source.statistics().anyLoss());
        // package-info:core end
    }

    /** The io.etw4j.scm package-info example; needs scm.etl: compiled, not called. */
    static void scmPackageExample() {
        // package-info:scm begin
        ScmMonitor.replay(Path.of("scm.etl")).events()     // or ScmMonitor.create() for a live session
            .filter(ServiceCreated.class::isInstance)
            .cast(ServiceCreated.class)
            .subscribe(c -> System.out.println(c.serviceName() + " created by PID " + c.client().pid()
                    + " (" + c.client().imagePath().orElse("image unknown") + "), evidence " + c.evidence()));
        // package-info:scm end
    }

    // ------------------------------------------------------------------ tests

    private static final Pattern MARKER = Pattern.compile("^\\s*// (README|package-info):([a-z-]+) (begin|end)\\s*$");
    private static final Pattern README_JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```\\s*$");
    private static final Pattern JAVADOC_CODE_BLOCK = Pattern.compile("(?ms)^ \\* <pre>\\{@code\\n(.*?)^ \\* }</pre>");

    @Test
    void everyReadmeJavaBlockIsACompiledSnippetAndEverySnippetIsInTheReadme() throws IOException {
        Path readme = moduleDir().resolve("../README.md").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(readme),
                "skipped: " + readme + " not found (the test runs from the etw-samples module of a full checkout)");
        Map<String, String> snippets = snippets("README");
        assertThat(snippets).containsKeys("imports", "live-session", "etl-file", "scm-replay", "scm-live", "scm-demo");

        List<String> blocks = blocks(README_JAVA_BLOCK, Files.readString(readme, StandardCharsets.UTF_8));
        assertThat(blocks).as("```java blocks in README.md").hasSameSizeAs(snippets.values());
        for (String block : blocks) {
            assertThat(snippets.values().stream().map(ReadmeSnippetsTest::normalise))
                    .as("README.md block is not one of the compiled snippets of %s:%n%s", getClass().getSimpleName(),
                            block)
                    .contains(normalise(block));
        }
        for (Map.Entry<String, String> s : snippets.entrySet()) {
            assertThat(blocks.stream().map(ReadmeSnippetsTest::normalise))
                    .as("snippet README:%s is missing from README.md (or differs from it)", s.getKey())
                    .contains(normalise(s.getValue()));
        }
    }

    @Test
    void packageInfoExamplesAreTheCompiledSnippets() throws IOException {
        Map<String, String> snippets = snippets("package-info");
        Path core = moduleDir().resolve("../etw-core/src/main/java/io/etw4j/core/package-info.java").normalize();
        Path scm = moduleDir().resolve("../etw-scm/src/main/java/io/etw4j/scm/package-info.java").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(core) && Files.isRegularFile(scm),
                "skipped: package-info sources not found beside " + moduleDir());
        assertThat(blocks(JAVADOC_CODE_BLOCK, Files.readString(core)).stream().map(ReadmeSnippetsTest::unJavadoc))
                .containsExactly(normalise(snippets.get("core")));
        assertThat(blocks(JAVADOC_CODE_BLOCK, Files.readString(scm)).stream().map(ReadmeSnippetsTest::unJavadoc))
                .containsExactly(normalise(snippets.get("scm")));
    }

    @Test
    void theFileSnippetsPrintWhatAShippedCaptureHolds(@TempDir Path dir) throws IOException {
        Path demo = dir.resolve("scm-demo.etl");
        ByteBuffer image = DemoCapture.bytes();
        byte[] bytes = new byte[image.remaining()];
        image.get(bytes);
        Files.write(demo, bytes);

        String etl = stdoutOf(() -> etlFile(demo.toString()));
        String scan = stdoutOf(() -> etlScan(demo.toString()));
        String scm = stdoutOf(() -> scmReplay(demo.toString()));
        String decoded = stdoutOf(() -> decodeEtl(demo.toString()));

        assertThat(etl.lines().filter(l -> l.contains(" event ") && l.contains(" from PID ")).count()).isEqualTo(5);
        assertThat(etl).contains("etw4j-scm-demo started").contains("buffersRead=1");
        assertThat(scan).contains(" payload bytes in classic events; ").endsWith(" records" + System.lineSeparator());
        assertThat(scm).contains("service evilsvc created by").contains("3556");
        assertThat(decoded.lines().count()).as(decoded).isPositive();
    }

    @Test
    void theFileSnippetsPrintWhatASharedCaptureHolds() {
        Path ps = io.etw4j.samples.command.SharedEtl.find("powershell.etl").orElse(null);
        Assumptions.assumeTrue(ps != null, io.etw4j.samples.command.SharedEtl.absent("powershell.etl"));

        String etl = stdoutOf(() -> etlFile(ps.toString()));
        String decoded = stdoutOf(() -> decodeEtl(ps.toString()));

        assertThat(etl.lines().filter(l -> l.contains(" event ") && l.contains(" from PID ")).count()).isEqualTo(5);
        assertThat(etl).contains(" started ").contains("buffersRead=");
        assertThat(decoded.lines().count()).as(decoded).isGreaterThan(100);
        assertThat(decoded).doesNotStartWith("?");
    }

    private static String stdoutOf(Runnable snippet) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            snippet.run();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEcsSnippetPrintsOneEcsLinePerEvent() {
        String ecs = stdoutOf(ReadmeSnippetsTest::ecsLines);
        assertThat(ecs.lines().count()).isEqualTo(3);
        assertThat(ecs.lines()).allSatisfy(l -> assertThat(l).startsWith("{\"@timestamp\":")
                .contains("\"ecs\":{\"version\":\"" + JsonLinesWriter.ECS_VERSION + "\"}"));
        assertThat(ecs).contains("\"action\":\"service-created\"").contains("\"process\":{\"pid\":3556");
    }

    @Test
    void theDemoSnippetRunsAndShowsTheAttributedInstall() {
        List<ScmEvent> events = scmDemo();

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactlyInAnyOrder("ServiceCreated", "ServiceStarted", "DriverLoaded");
        assertThat(events).allSatisfy(e -> assertThat(e.client().pid()).isEqualTo(3556));
        assertThat(events).allSatisfy(e -> assertThat(e.client().imagePath()).hasValueSatisfying(
                p -> assertThat(p).endsWithIgnoringCase("setup.exe")));
    }

    @Test
    void normalisingIgnoresIndentationAndSpacingButNotCode() {
        assertThat(normalise("  a  =  b;\n\n    c();  \n")).isEqualTo(normalise("a = b;\nc();"));
        assertThat(normalise("a = b;\nc();")).isNotEqualTo(normalise("a = b;\nd();"));
        assertThat(normalise("a = b; c();")).isNotEqualTo(normalise("a = b;\nc();"));
    }

    // ------------------------------------------------------------------ helpers

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** The snippets of this source file with the given marker prefix, by name, in file order, dedented. */
    private static Map<String, String> snippets(String prefix) throws IOException {
        Path self = moduleDir().resolve("src/test/java/io/etw4j/readme/ReadmeSnippetsTest.java");
        Assumptions.assumeTrue(Files.isRegularFile(self), "skipped: test source " + self + " not found");
        Map<String, String> out = new LinkedHashMap<>();
        String open = null;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(self, StandardCharsets.UTF_8)) {
            Matcher m = MARKER.matcher(line);
            if (m.matches() && m.group(1).equals(prefix)) {
                if (m.group(3).equals("begin")) {
                    assertThat(open).as("nested marker %s", m.group(2)).isNull();
                    open = m.group(2);
                    lines.clear();
                } else {
                    assertThat(m.group(2)).as("end marker").isEqualTo(open);
                    assertThat(out.put(open, String.join("\n", lines))).as("duplicate snippet %s", open).isNull();
                    open = null;
                }
            } else if (open != null) {
                lines.add(line);
            }
        }
        assertThat(open).as("unterminated snippet").isNull();
        return out;
    }

    private static List<String> blocks(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text.replace("\r\n", "\n"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A javadoc {@code <pre>} body without its leading " * ", normalised. */
    private static String unJavadoc(String block) {
        return normalise(block.replaceAll("(?m)^ \\*( |$)", ""));
    }

    /** Each line trimmed with runs of blanks collapsed to one space; blank lines dropped. */
    static String normalise(String code) {
        List<String> out = new ArrayList<>();
        for (String line : code.split("\n", -1)) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return String.join("\n", out);
    }
}
