package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.samples.Etw4jSamples;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code etl-dump}'s stdout stays byte for byte what the tree-based implementation wrote (before the streaming
 * rewrite), on every shared capture and with the options that change the output.
 *
 * <ul>
 *   <li>Golden hashes: SHA-256 and size of the stdout of {@code java -jar etw4j-samples.jar etl-dump [options] FILE},
 *       taken with the tree-based implementation at commit f1b1c2b (before any change of this branch), for every
 *       capture, the 179,474-line {@code net.4.5.2.x64.etl} included. Since etw-json, every line starts with the
 *       schema marker {@code {"etw4j.schema":"1",}: the hash is taken of stdout with that marker removed from each
 *       line, and every line must carry it (so the rest of each line is still byte for byte the same).</li>
 *   <li>The golden hashes hold for stdout as a PrintWriter over an OutputStreamWriter and as the jar's
 *       {@link ByteStdout}, through which etl-dump writes its lines as bytes.</li>
 *   <li>Full text: for the captures of a few MB, the whole stdout is compared with {@link TreeEtlDumpReference} (that
 *       implementation, frozen in the tests), and the first differing line is reported.</li>
 * </ul>
 */
class EtlDumpOutputCompatibilityTest {

    /** capture, options, SHA-256 of stdout, bytes of stdout (from the tree-based implementation, see class doc). */
    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("AMSITrace.etl", "", "b562d93292a7e140d9c4cf79e9db03c8b6158dcab01369618ed5dc8e8373934f",
                        13237L),
                Arguments.of("AMSITrace.etl", "--hex-bytes -1",
                        "8cae85594ce243d2b44496c5ac81dd82744b74616a8ee83f6ac6c0d9460f1208", 97273L),
                Arguments.of("AMSITrace.etl", "--time-order --hex-bytes 0",
                        "1440c84725e7c089adf6be8bc4f1227ce384da57ea2c19fa006fe071d0b8f30d", 11893L),
                Arguments.of("ShutdownPerfDiagLogger.etl", "",
                        "30406e8af084a4666356a9ecc791b0fd2458634f92d033b0aa002f38be97fb10", 7406577L),
                Arguments.of("ShutdownPerfDiagLogger.etl", "--hex-bytes -1",
                        "be2053bdbc0471428c9e1c59b99d4af027631d8daade37505e3252690db3a55b", 11555461L),
                Arguments.of("ShutdownPerfDiagLogger.etl", "--time-order --hex-bytes 0",
                        "f774f673e3d0a8376fc07a19dbcdd791002f3de38b7f42e395175d4a421f381f", 6317169L),
                Arguments.of("lxcore_kernel.etl", "", "d914e794e3799562a178928c37a1236fe659fc7db39270f949e028e33a23547d",
                        3013L),
                Arguments.of("lxcore_kernel.etl", "--hex-bytes -1",
                        "edebdb98502586ef8b03990343c712457b8ecb7c1256a3193269383d2cdd7d54", 3985L),
                Arguments.of("lxcore_kernel.etl", "--time-order --hex-bytes 0",
                        "a4a4f0b109fed37734e437df624f73e32b8a34d0559b31c2c9bb402163fb735e", 2757L),
                Arguments.of("net.4.5.2.x64.etl", "",
                        "f497b3c3c528ac3bbc9e874f76e43bbef8c70fe58981c6af85f1a5df09d4f5c2", 74914163L),
                Arguments.of("net.4.5.2.x64.etl", "--hex-bytes -1",
                        "9a31f6b70692062375f9e860500952dbccd8d4ce3ef34812a106088b9881d05e", 96384631L),
                Arguments.of("net.4.5.2.x64.etl", "--time-order --hex-bytes 0",
                        "d0b99b964ade59a268ff33ee890ee8a91e585b702cc3d7ba4308c2e09a933f26", 66434447L),
                Arguments.of("powershell.etl", "", "4d48066b3f5a7f9dfd211ac760c37d12b9553c01a2986c04bd67d57b78b3ffe1",
                        53756L),
                Arguments.of("powershell.etl", "--hex-bytes -1",
                        "0ef2975e5da449370ad7ca33a62728355d0bd8f5602e85d274b7d3315e22c816", 333108L),
                Arguments.of("powershell.etl", "--time-order --hex-bytes 0",
                        "5c22d50c822e0ec0483662525aa8cc0ffae8ca215144b03a81eff09e3263d20c", 46588L));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void stdoutHasTheGoldenHash(String capture, String options, String sha256, long size) {
        goldenHash(capture, options, sha256, size,
                stripped -> new PrintWriter(new OutputStreamWriter(stripped, StandardCharsets.UTF_8)));
    }

    /** The same through the jar's own stdout ({@link ByteStdout}), where etl-dump writes its lines as bytes. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void byteStdoutHasTheGoldenHash(String capture, String options, String sha256, long size) {
        goldenHash(capture, options, sha256, size, ByteStdout::over);
    }

    private static void goldenHash(String capture, String options, String sha256, long size,
            java.util.function.Function<OutputStream, PrintWriter> stdout) {
        Path file = capture(capture);
        CountingDigest digest = new CountingDigest();
        MarkerStripper stripped = new MarkerStripper(digest);
        PrintWriter out = stdout.apply(stripped);
        StringWriter err = new StringWriter();
        CommandLine cl = Etw4jSamples.commandLine();
        cl.setOut(out);
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args(options, file));
        out.flush();
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(stripped.lines).as("lines").isPositive();
        assertThat(stripped.unmarked).as("lines without the schema marker").isZero();
        assertThat(digest.count).as("stdout bytes").isEqualTo(size);
        assertThat(digest.hex()).as("SHA-256 of stdout").isEqualTo(sha256);
    }

    static Stream<Arguments> smallCaptures() {
        List<Arguments> list = new ArrayList<>();
        for (String capture : List.of("AMSITrace.etl", "lxcore_kernel.etl", "powershell.etl",
                "ShutdownPerfDiagLogger.etl")) {
            list.add(Arguments.of(capture, "", EtlReadOptions.defaults(), 32));
            list.add(Arguments.of(capture, "--hex-bytes -1", EtlReadOptions.defaults(), -1));
            list.add(Arguments.of(capture, "--hex-bytes 5 --time-order",
                    EtlReadOptions.defaults().withTimestampOrder(true), 5));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("smallCaptures")
    void stdoutEqualsTheTreeBasedOutput(String capture, String options, EtlReadOptions readOptions, int hexBytes) {
        Path file = capture(capture);
        StringWriter expected = new StringWriter();
        TreeEtlDumpReference.dump(file, readOptions, hexBytes, expected);
        CommandRun run = CommandRun.run(args(options, file));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        CommandRun.assertSameLines(run.out(), expected.toString());
    }

    private static String[] args(String options, Path file) {
        List<String> args = new ArrayList<>();
        args.add("etl-dump");
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split(" ")));
        }
        args.add(file.toString());
        return args.toArray(new String[0]);
    }

    private static Path capture(String name) {
        Optional<Path> p = SharedEtl.find(name);
        assumeTrue(p.isPresent(), SharedEtl.absent(name));
        return p.get();
    }

    /**
     * Passes every byte on but the marker {@code "etw4j.schema":"1",} right after the {@code {} that starts a line;
     * counts the lines and those that lack it.
     */
    private static final class MarkerStripper extends OutputStream {
        private static final byte[] MARKER = "{\"etw4j.schema\":\"1\",".getBytes(StandardCharsets.UTF_8);
        private final OutputStream next;
        private final byte[] head = new byte[MARKER.length];
        private int held;
        private boolean atLineStart = true;
        long lines;
        long unmarked;

        MarkerStripper(OutputStream next) {
            this.next = next;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            if (atLineStart) {
                head[held++] = (byte) b;
                if (head[held - 1] != MARKER[held - 1]) {
                    unmarked++;
                    lines++;
                    atLineStart = false;
                    next.write(head, 0, held);
                    held = 0;
                    if (b == '\n') {
                        atLineStart = true;
                    }
                } else if (held == MARKER.length) {
                    lines++;
                    atLineStart = false;
                    next.write('{');
                    held = 0;
                }
                return;
            }
            next.write(b);
            if (b == '\n') {
                atLineStart = true;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    /** An output stream that only hashes (SHA-256) and counts what is written. */
    private static final class CountingDigest extends OutputStream {
        private final MessageDigest sha;
        long count;

        CountingDigest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) {
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sha.update(b, off, len);
            count += len;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
