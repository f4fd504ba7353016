package io.etw4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.json.schema.SharedSchemas;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte path ({@link EtlFile#scan} and {@link JsonLinesWriter#write(io.etw4j.core.etl.RecordView)} over an
 * {@code OutputStream}, the plain native line written from the view as bytes) gives byte for byte the output of the
 * character path as it was ({@link EtlFile#records()}, {@link JsonLinesWriter#write(EventRecord)} over a
 * {@code PrintWriter} over a UTF-8 {@code OutputStreamWriter}), on every shared capture, in every format, with the
 * options that change a line (hex bytes, the logfile header, decoded fields, payload text, time order).
 */
class ByteLinesMatchCharLinesTest {
    private static final List<String> CAPTURES = List.of("AMSITrace.etl", "lxcore_kernel.etl", "powershell.etl",
            "ShutdownPerfDiagLogger.etl", "net.4.5.2.x64.etl");

    /** capture, format, variant: what the builder is given besides the format. */
    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (String capture : CAPTURES) {
            for (JsonFormat format : JsonFormat.values()) {
                for (String variant : List.of("plain", "all-hex", "no-hex", "decoded", "time-order")) {
                    list.add(Arguments.of(capture, format, variant));
                }
            }
            list.add(Arguments.of(capture, JsonFormat.NATIVE, "payload-text"));
            list.add(Arguments.of(capture, JsonFormat.NATIVE, "no-header"));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void theByteOutputEqualsTheCharacterOutput(String capture, JsonFormat format, String variant) throws Exception {
        Optional<Path> p = SharedSchemas.etl(capture);
        assumeTrue(p.isPresent(), "shared/etl/" + capture + " is not beside the checkout");
        EtlFile etl = EtlFile.open(p.get(), EtlReadOptions.defaults().withTimestampOrder(variant.equals("time-order")));
        UnaryOperator<JsonLinesWriter.Builder> options = b -> {
            b.devicePaths(format == JsonFormat.NATIVE ? DevicePaths.none() : DevicePaths.fromTrace(etl));
            if (!variant.equals("no-header")) {
                b.logfileHeader(etl.header());
            }
            switch (variant) {
                case "all-hex" -> b.payloadHexBytes(-1);
                case "no-hex" -> b.payloadHexBytes(0);
                case "decoded" -> b.decoder(MappingsMatchPublishedSchemasTest.decoder());
                case "payload-text" -> b.payloadText(true);
                default -> { }
            }
            return b;
        };
        Digest chars = new Digest();
        PrintWriter pw = new PrintWriter(new BufferedWriter(new OutputStreamWriter(chars, StandardCharsets.UTF_8),
                1 << 16));
        JsonLinesWriter before = options.apply(JsonLinesWriter.builder(pw, format)).build();
        etl.records().doOnNext(before::write).blockLast();
        before.flush();

        Digest bytes = new Digest();
        JsonLinesWriter after = options.apply(JsonLinesWriter.builder(new BufferedOutputStream(bytes, 1 << 16),
                format)).build();
        etl.scan(after::write);
        after.flush();

        assertThat(after.written()).as("lines").isEqualTo(before.written()).isPositive();
        assertThat(bytes.count).as("bytes").isEqualTo(chars.count);
        assertThat(bytes.hex()).as("SHA-256 of the byte output").isEqualTo(chars.hex());
    }

    /** Counts and hashes what is written (the larger captures write tens of MB). */
    private static final class Digest extends OutputStream {
        private final MessageDigest sha;
        long count;

        Digest() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
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
