package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.samples.command.CommandRun;
import io.etw4j.samples.command.SharedEtl;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.scm.ScmEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming writers print, byte for byte, what the tree-based writers they replaced printed (the oracles
 * {@link TreeRecordJson}, {@link TreeScmEventJson}, {@link TreeJsonLines}): {@code scm-monitor}'s events over the demo
 * capture, {@code provider-dump}'s lines (payload text, {@code decoded}) and {@code kernel-dump}'s lines over the
 * shared captures. {@code etl-dump}'s lines are pinned by EtlDumpOutputCompatibilityTest.
 */
class StreamingMatchesTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 32})
    void scmEventsOfTheDemoCapture(int hexBytes) {
        List<ScmEvent> events = DemoCapture.replay().events().collectList().block();
        assertThat(events).isNotEmpty();
        StringWriter streamed = new StringWriter();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(streamed)).payloadHexBytes(hexBytes)
                .flushEachLine(true).build();
        StringWriter tree = new StringWriter();
        TreeJsonLines treeLines = new TreeJsonLines(new PrintWriter(tree), true);
        for (ScmEvent e : events) {
            lines.write(e);
            treeLines.write(TreeScmEventJson.toJson(e, hexBytes));
        }
        lines.flush();
        treeLines.flush();
        assertThat(lines.written()).isEqualTo(events.size());
        CommandRun.assertSameLines(streamed.toString(), tree.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"powershell.etl", "lxcore_kernel.etl", "AMSITrace.etl"})
    void providerDumpAndKernelDumpLines(String capture) {
        Optional<Path> file = SharedEtl.find(capture);
        assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
        List<EventRecord> records = EtlFile.open(file.get()).records().take(3000).collectList().block();
        EventDecoder decoder = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        for (int hexBytes : new int[] {-1, 32}) {
            StringWriter streamed = new StringWriter();
            JsonLinesWriter text = JsonLinesWriter.nativeLines(new PrintWriter(streamed)).payloadHexBytes(hexBytes)
                    .payloadText(true).build();
            StringWriter tree = new StringWriter();
            TreeJsonLines treeLines = new TreeJsonLines(new PrintWriter(tree), false);
            StringWriter streamedDecoded = new StringWriter();
            JsonLinesWriter decodedLines = JsonLinesWriter.nativeLines(new PrintWriter(streamedDecoded))
                    .payloadHexBytes(hexBytes).flushEachLine(true).build();
            StringWriter treeDecoded = new StringWriter();
            TreeJsonLines treeDecodedLines = new TreeJsonLines(new PrintWriter(treeDecoded), true);
            for (EventRecord r : records) {
                text.write(r, null);
                treeLines.write(TreeRecordJson.withPayloadText(r, hexBytes));
                DecodedEvent d = decoder.decode(r);
                decodedLines.write(r, d);
                ObjectNode n = TreeRecordJson.toJson(r, hexBytes);
                n.set("decoded", TreeRecordJson.decoded(d));
                treeDecodedLines.write(n);
            }
            text.flush();
            treeLines.flush();
            CommandRun.assertSameLines(streamed.toString(), tree.toString());
            CommandRun.assertSameLines(streamedDecoded.toString(), treeDecoded.toString());
        }
    }

    @Test
    void theKernelCaptureDecodesSomething() {
        // Guards the test above: the decoded comparison must compare decoded objects, not only nulls.
        String capture = "lxcore_kernel.etl";
        Optional<Path> file = SharedEtl.find(capture);
        assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
        EventDecoder decoder = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        long decoded = EtlFile.open(file.get()).records().take(3000).filter(r -> decoder.decode(r).isDecoded())
                .count().block();
        assertThat(decoded).isPositive();
    }
}
