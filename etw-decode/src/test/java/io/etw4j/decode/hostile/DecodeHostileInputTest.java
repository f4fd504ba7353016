package io.etw4j.decode.hostile;

import static io.etw4j.decode.hostile.HostileSchemas.budget;
import static io.etw4j.decode.hostile.HostileSchemas.decode;
import static io.etw4j.decode.hostile.HostileSchemas.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.InType;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.ValueMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 items 1 and 7 for the decoder and the schema parsers: generated hostile schemas and payloads produce no
 * more output than the budget {@link io.etw4j.decode.EventDecoder} states, and every refusal is a counted problem
 * (a {@link io.etw4j.decode.FieldError}, a problem line).
 */
class DecodeHostileInputTest {

    private static String name(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void aFixedCountArrayOfZeroSizeElementsIsRefused() {
        // 65535 empty structs per element of 65535: 28 MB of JSON from 64 KB of TraceLogging before the fix.
        PropertySchema empty = PropertySchema.struct(name('e', 40), List.of()).withCount(new PropertyCount.Fixed(65535));
        PropertySchema outer = PropertySchema.struct(name('o', 40), List.of(empty))
                .withCount(new PropertyCount.Fixed(65535));
        byte[] payload = new byte[16];

        DecodedEvent e = decode(payload, outer);

        assertThat(units(e)).isLessThanOrEqualTo(budget(payload.length));
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("elements of 0 bytes is refused"));
    }

    @Test
    void zeroLengthStringsCannotBeRepeated() {
        PropertySchema s = PropertySchema.of("s", InType.UNICODESTRING)
                .withSize(new io.etw4j.decode.PropertySize.Fixed(0)).withCount(new PropertyCount.Fixed(65535));

        DecodedEvent e = decode(new byte[0], s);

        assertThat(units(e)).isLessThanOrEqualTo(budget(0));
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("elements of 0 bytes is refused"));
    }

    @Test
    void sharedStructMembersCannotAmplifyTheOutput() {
        // Each element takes one byte but holds 1,000 empty strings of 0 bytes with 100-character names: 100,000 units per
        // payload byte without a budget (the 131 KB -> 184 MB embedded TRACE_EVENT_INFO case).
        List<PropertySchema> members = new ArrayList<>();
        members.add(PropertySchema.of("b", InType.UINT8));
        for (int i = 0; i < 1000; i++) {
            members.add(PropertySchema.of(name('m', 96) + String.format("%04d", i), InType.UNICODESTRING)
                    .withSize(new io.etw4j.decode.PropertySize.Fixed(0)));
        }
        PropertySchema items = PropertySchema.struct("items", members).withCount(new PropertyCount.Fixed(4096));
        byte[] payload = new byte[4096];

        DecodedEvent e = decode(payload, items);

        assertThat(units(e)).isLessThanOrEqualTo(budget(payload.length) + 1000 * 101);
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("exceeds its budget"));
    }

    @Test
    void valueMapNamesCannotAmplifyTheOutput() {
        // A bit map of 32 entries, each a 10,000-character name, and 4,096 values with every bit set.
        Map<Long, String> entries = new TreeMap<>();
        for (int bit = 0; bit < 32; bit++) {
            entries.put(1L << bit, name((char) ('a' + bit % 26), 10_000));
        }
        PropertySchema v = PropertySchema.of("v", InType.UINT32).withMap(new ValueMap("Bits", true, entries))
                .withCount(new PropertyCount.Fixed(4096));
        LeBytes p = LeBytes.le();
        for (int i = 0; i < 4096; i++) {
            p.u32(0xFFFF_FFFFL);
        }
        byte[] payload = p.bytes();

        DecodedEvent e = decode(payload, v);

        assertThat(units(e)).isLessThanOrEqualTo(budget(payload.length) + 32 * 10_001L);
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("exceeds its budget"));
    }

    @Test
    void anOrdinaryPayloadStaysWithinTheBudgetWithoutErrors() {
        PropertySchema n = PropertySchema.of("n", InType.UINT32);
        PropertySchema s = PropertySchema.of("s", InType.UNICODESTRING);
        PropertySchema a = PropertySchema.of("a", InType.UINT16).withCount(new PropertyCount.Fixed(3));
        byte[] payload = LeBytes.le().u32(7).utf16z("hello").u16(1).u16(2).u16(3).bytes();

        DecodedEvent e = decode(payload, n, s, a);

        assertThat(e.errors()).isEmpty();
        assertThat(units(e)).isLessThanOrEqualTo(budget(payload.length));
    }

    @Test
    void manifestProblemListsKeepTheFirstHundredAndCountTheRest() {
        StringBuilder events = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            events.append("<event value=\"").append(i).append("\" template=\"Missing\"/>\n");
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\""
                + " xmlns:win=\"http://manifests.microsoft.com/win/2004/08/windows/events\">\n"
                + "<instrumentation><events>\n"
                + "<provider name=\"Hostile\" guid=\"{0badf00d-0000-4000-8000-000000000019}\" symbol=\"H\">\n"
                + "<events>\n" + events + "</events></provider></events></instrumentation>"
                + "</instrumentationManifest>";
        ManifestSchemas m = ManifestSchemas.create();
        m.load(xml.getBytes(StandardCharsets.UTF_8), "hostile.man");
        m.load(xml.getBytes(StandardCharsets.UTF_8), "hostile2.man");

        List<String> problems = m.problems();

        assertThat(problems).hasSize(101);
        assertThat(problems.get(0)).startsWith("hostile.man:");
        assertThat(problems.get(100)).startsWith("9900 more problems not listed");
    }
}
