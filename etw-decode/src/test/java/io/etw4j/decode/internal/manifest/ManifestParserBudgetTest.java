package io.etw4j.decode.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.decode.ManifestException;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.testing.RetainedBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The manifest parser's memory budget ({@link ManifestParser#HEAP_PER_BYTE} bytes of heap per input byte plus
 * {@link ManifestParser#HEAP_CONSTANT}), for what a parse retains ({@link ManifestContent}) and for what the streaming
 * pass holds before resolution ({@link ManifestDraft}, the peak beside the content), measured by
 * {@link RetainedBytes} (a deterministic object-graph walk) over generated manifests of about 1 MiB made of one
 * element kind each, the densest way to spend bytes on that kind, and each kind within its own measured figure. The
 * element tree the parser built before held 11-15 bytes per input byte of these documents (6.2 of the providers one).
 */
class ManifestParserBudgetTest {
    static final String HEAD = "<?xml version=\"1.0\"?>\n<instrumentationManifest><instrumentation><events>";
    static final String TAIL = "</events></instrumentation></instrumentationManifest>";
    static final int N = 16_000;

    static String provider(int i) {
        return "<provider name=\"P\" guid=\"{12345678-9abc-def0-1234-" + String.format("%012x", i) + "}\">";
    }

    /** Documents of one element kind each. */
    enum Dense {
        EVENTS(6.5, i -> (i % 400 == 0 ? (i == 0 ? "" : "</events></provider>") + provider(i) + "<events>" : "")
                + "<event value=\"" + i % 400 + "\"/>", "</events></provider>"),
        DATA(5, i -> (i == 0 ? provider(0) + "<templates><template tid=\"t\">" : "")
                + "<data name=\"a\" inType=\"win:Int8\"/>", "</template></templates></provider>"),
        STRUCTS(8, i -> (i == 0 ? provider(0) + "<templates><template tid=\"t\">" : "") + "<struct name=\"s\"/>",
                "</template></templates></provider>"),
        TEMPLATES(5.5, i -> (i == 0 ? provider(0) + "<templates>" : "") + "<template tid=\"" + i
                + "\"><data name=\"a\" inType=\"win:Int8\"/></template>", "</templates></provider>"),
        MAP_ENTRIES(5, i -> (i == 0 ? provider(0) + "<maps><valueMap name=\"m\">" : "") + "<map value=\"" + i
                + "\" message=\"a\"/>", "</valueMap></maps></provider>"),
        MAPS(6, i -> (i == 0 ? provider(0) + "<maps>" : "") + "<bitMap name=\"" + i + "\"/>", "</maps></provider>"),
        TASKS(5.5, i -> (i == 0 ? provider(0) + "<tasks>" : "") + "<task name=\"" + i + "\" value=\"1\"/>",
                "</tasks></provider>"),
        KEYWORDS(5, i -> (i == 0 ? provider(0) + "<keywords>" : "") + "<keyword name=\"" + i + "\" mask=\"1\"/>",
                "</keywords></provider>"),
        CHANNELS(5, i -> (i == 0 ? provider(0) + "<channels>" : "") + "<channel chid=\"" + i + "\" value=\"16\"/>",
                "</channels></provider>"),
        PROVIDERS(4, i -> provider(i).replace("\">", "\"/>"), ""),
        STRINGS(6, i -> (i == 0 ? "</events></instrumentation><localization><resources culture=\"en-US\"><stringTable>"
                : "") + "<string id=\"" + i + "\" value=\"a\"/>",
                "</stringTable></resources></localization><instrumentation><events>");

        /** The bound of this kind, in bytes per input byte (draft and retained): the measured figure, rounded up. */
        final double limit;
        final IntFunction<String> element;
        final String close;

        Dense(double limit, IntFunction<String> element, String close) {
            this.limit = limit;
            this.element = element;
            this.close = close;
        }

        byte[] document() {
            StringBuilder sb = new StringBuilder(HEAD);
            for (int i = 0; i < N; i++) {
                sb.append(element.apply(i));
            }
            return sb.append(close).append(TAIL).toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    static long budget(long inputBytes) {
        return ManifestParser.HEAP_PER_BYTE * inputBytes + ManifestParser.HEAP_CONSTANT;
    }

    @ParameterizedTest
    @EnumSource(Dense.class)
    void whatAParseRetainsAndHoldsStaysWithinTheBudget(Dense kind) {
        byte[] xml = kind.document();

        long draft = RetainedBytes.of(ManifestCollector.collect(xml, "dense.man"));
        ManifestContent content = ManifestParser.parse(xml, "dense.man", SchemaOrigin.MANIFEST);
        long kept = RetainedBytes.of(content);

        System.out.printf("manifest of %s: %,d bytes, draft %.2f, retained %.2f bytes per input byte%n", kind,
                xml.length, draft / (double) xml.length, kept / (double) xml.length);
        assertThat(content.problems()).isEmpty();
        assertThat(draft).isLessThanOrEqualTo(budget(xml.length));
        assertThat(kept).isLessThanOrEqualTo(budget(xml.length));
        // and this kind's own figure, so a regression far inside the general budget still shows
        assertThat(draft).isLessThanOrEqualTo((long) (kind.limit * xml.length));
        assertThat(kept).isLessThanOrEqualTo((long) (kind.limit * xml.length));
    }

    @Test
    void theDocumentItselfIsRead() {
        // the generators make what they say: the budget test above measures real content, not an empty parse
        ManifestContent events = ManifestParser.parse(Dense.EVENTS.document(), "e.man", SchemaOrigin.MANIFEST);
        assertThat(events.providers()).hasSize(N / 400).allSatisfy(p -> assertThat(p.events()).hasSize(400));
        ManifestContent data = ManifestParser.parse(Dense.DATA.document(), "d.man", SchemaOrigin.MANIFEST);
        assertThat(data.providers().get(0).templates().get("t")).hasSize(N);
        ManifestContent maps = ManifestParser.parse(Dense.MAP_ENTRIES.document(), "m.man", SchemaOrigin.MANIFEST);
        assertThat(maps.providers().get(0).maps().get("m").entries()).hasSize(N);
        assertThat(ManifestParser.parse(Dense.PROVIDERS.document(), "p.man", SchemaOrigin.MANIFEST).providers())
                .hasSize(N);
    }

    @Test
    void tooManyAttributesOrElementsRefuseTheDocument() {
        StringBuilder attrs = new StringBuilder("<instrumentationManifest><x");
        for (int i = 0; i <= ManifestXml.MAX_ATTRIBUTES; i++) {
            attrs.append(" a").append(i).append("=\"\"");
        }
        byte[] wide = attrs.append("/></instrumentationManifest>").toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestParser.parse(wide, "wide.man", SchemaOrigin.MANIFEST))
                .isInstanceOf(ManifestException.class).hasMessageContaining("more than 256 attributes");

        byte[] many = ("<instrumentationManifest>" + "<x/>".repeat(ManifestXml.MAX_ELEMENTS)
                + "</instrumentationManifest>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestParser.parse(many, "many.man", SchemaOrigin.MANIFEST))
                .isInstanceOf(ManifestException.class).hasMessageContaining("more than 4194304 elements");
    }

    @Test
    void aRealManifestRetainsLessThanItsSize() throws Exception {
        Path man = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/manifests/ClrEtwAll.man");
        byte[] xml = Files.readAllBytes(man);

        long draft = RetainedBytes.of(ManifestCollector.collect(xml, "ClrEtwAll.man"));
        long kept = RetainedBytes.of(ManifestParser.parse(xml, "ClrEtwAll.man", SchemaOrigin.MANIFEST));

        System.out.printf("ClrEtwAll.man: %,d bytes, draft %.2f, retained %.2f bytes per input byte%n", xml.length,
                draft / (double) xml.length, kept / (double) xml.length);
        assertThat(kept).isLessThan(xml.length);
        assertThat(draft).isLessThan(2L * xml.length);
    }
}
