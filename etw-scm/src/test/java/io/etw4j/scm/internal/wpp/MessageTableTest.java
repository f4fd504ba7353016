package io.etw4j.scm.internal.wpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.scm.Evidence;
import io.etw4j.scm.MessageTableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTableTest {
    static final UUID GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");

    @TempDir
    Path dir;

    @Test
    void theDefaultsListBothCreateLayoutsAndTheOtherFilesLayoutsOf0x28() {
        MessageTable t = MessageTable.defaults();

        List<MessageEntry> c28 = t.candidates(GUID, 0x28);
        assertThat(c28).extracting(MessageEntry::layout).containsExactlyInAnyOrder(
                "CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath",
                "CREATE_SERVICE: utf16z serviceName, u32 wowType, u32 clientPid",
                "DIAGNOSTIC: utf16z serviceName, u32 managedAccount",
                "DIAGNOSTIC: utf16z keyName, u32 error");
        MessageEntry seed = c28.stream().filter(e -> e.hasField("imagePath")).findFirst().orElseThrow();
        assertThat(seed.evidence()).isEqualTo(Evidence.PUBLISHED_ARTICLE);
        assertThat(seed.source()).contains("anquanke.com post 241806");
        assertThat(seed.file()).contains("41046368");
        MessageEntry current = c28.stream().filter(e -> e.hasField("wowType")).findFirst().orElseThrow();
        assertThat(current.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
        assertThat(current.file()).contains("119db94a");
        assertThat(current.identifiesFile()).isTrue();
        assertThat(t.entries()).allSatisfy(e -> assertThat(e.messageGuid()).isEmpty());
        assertThat(t.pinsGuids()).isFalse();
        assertThat(t.candidates(GUID, 0x29)).as("0x29 reports no act and is not listed").isEmpty();
    }

    @Test
    void theDefaultsCoverEveryActOfThePublicDecompilation() {
        MessageTable t = MessageTable.defaults();

        assertThat(kinds(t, 0x0b)).containsExactlyInAnyOrder(MessageKind.CHANGE_CONFIG, MessageKind.DIAGNOSTIC,
                MessageKind.CHANGE_CONFIG);
        assertThat(kinds(t, 0x0c)).containsExactlyInAnyOrder(MessageKind.START_SERVICE, MessageKind.DIAGNOSTIC,
                MessageKind.DIAGNOSTIC);
        assertThat(kinds(t, 0x0d)).containsExactly(MessageKind.START_RESULT);
        assertThat(kinds(t, 0x0e)).containsExactlyInAnyOrder(MessageKind.START_CLIENT_SID, MessageKind.DIAGNOSTIC);
        assertThat(kinds(t, 0x2a)).containsExactly(MessageKind.CREATE_REFUSED);
        assertThat(kinds(t, 0x2b)).containsExactly(MessageKind.CREATE_REFUSED);
        assertThat(kinds(t, 0x50)).containsExactly(MessageKind.DELETE_SERVICE);
        for (int control : new int[] {0x70, 0x72, 0x73}) {
            assertThat(t.candidates(GUID, control)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(MessageKind.CONTROL_SERVICE);
                assertThat(e.layout()).isEqualTo("CONTROL_SERVICE: u32 controlCode, utf16z serviceName, u32 clientPid,"
                        + " ptr context, u64 sequence");
            });
        }
        assertThat(t.candidates(GUID, 0x50).get(0).confirmed()).as("0x50 is an inferred number").isFalse();
    }

    @Test
    void aFileTagAppliesToItsGuidOnlyOnceTheGuidIsKnown() {
        UUID start = UUID.fromString("11111111-2222-3333-4444-555555555555");
        UUID other = UUID.fromString("99999999-2222-3333-4444-555555555555");
        MessageTable t = MessageTable.of("t", List.of(
                "12@91aecf8c = START_SERVICE: utf16z serviceName, u32 clientPid | public-decompilation | a",
                "12@a8d36da9 = DIAGNOSTIC: utf16z serviceName, u32 error | public-decompilation | b",
                "12 = DIAGNOSTIC: u64 untagged | public-decompilation | c"));
        Map<UUID, String> files = new HashMap<>();
        Map<String, UUID> guids = new HashMap<>();

        assertThat(t.candidates(start, 12, files::get, guids::get)).extracting(MessageEntry::source)
                .containsExactlyInAnyOrder("a", "b", "c");
        files.put(start, "91aecf8c");
        guids.put("91aecf8c", start);
        assertThat(t.candidates(start, 12, files::get, guids::get)).extracting(MessageEntry::source)
                .containsExactlyInAnyOrder("a", "c");
        assertThat(t.candidates(other, 12, files::get, guids::get)).extracting(MessageEntry::source)
                .as("the file's entries apply to its own GUID only").containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aFileLineDeclaresItsGuid() {
        UUID start = UUID.fromString("11111111-2222-3333-4444-555555555555");
        MessageTable t = MessageTable.of("t", List.of(
                "file 91AECF8C = {" + start.toString().toUpperCase() + "}",
                "12@91aecf8c = START_SERVICE: utf16z serviceName, u32 clientPid | capture | a",
                "12@a8d36da9 = DIAGNOSTIC: utf16z serviceName, u32 error | public-decompilation | b"));

        assertThat(t.declaredFileGuids()).containsEntry("91aecf8c", start);
        assertThat(t.candidates(start, 12)).extracting(MessageEntry::source).containsExactly("a");
        assertThat(t.candidates(UUID.randomUUID(), 12)).extracting(MessageEntry::source).containsExactly("b");
        assertThat(t.pinsGuids()).isTrue();
    }

    @Test
    void theSameNumberMayHaveSeveralLayoutsAndAnIdentifyingFlag() {
        MessageTable t = MessageTable.of("t", List.of(
                "0x28@119db94a = CREATE_SERVICE: utf16z serviceName, u32 wowType, u32 clientPid | public-decompilation"
                        + " | x | identifies-file",
                "0x28@119db94a = CREATE_SERVICE: utf16z serviceName, u32 clientPid | capture | y"));

        assertThat(t.candidates(GUID, 0x28)).extracting(MessageEntry::identifiesFile).containsExactly(true, false);
        assertThat(t.candidates(GUID, 0x28)).extracting(MessageEntry::evidence)
                .containsExactly(Evidence.PUBLIC_DECOMPILATION, Evidence.CAPTURE);
    }

    @Test
    void idsAreHexOrDecimalAndGuidsMayHaveBraces() {
        MessageTable t = MessageTable.of("t", List.of(
                "# comment",
                "",
                "  41 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | capture A  ",
                "0X2B@{" + GUID.toString().toUpperCase() + "} = START_SERVICE: utf16z serviceName, u32 clientPid"
                        + " | CONFIRMED | capture B | with a pipe"));

        MessageEntry open = first(t, UUID.randomUUID(), 41).orElseThrow();
        MessageEntry start = first(t, GUID, 0x2B).orElseThrow();

        assertThat(open.confirmed()).isFalse();
        assertThat(open.origin()).isEqualTo("t:3");
        assertThat(open.layout()).isEqualTo("OPEN_SERVICE: utf16z serviceName, u32 clientPid");
        assertThat(start.messageGuid()).contains(GUID);
        assertThat(start.confirmed()).isTrue();
        assertThat(start.evidence()).as("'confirmed' of earlier tables means capture").isEqualTo(Evidence.CAPTURE);
        assertThat(start.source()).isEqualTo("capture B | with a pipe");
        assertThat(first(t, UUID.randomUUID(), 0x2B)).isEmpty();
        assertThat(t.pinsGuids()).isTrue();
    }

    @Test
    void anOverrideFileReplacesAndExtendsTheDefaults() throws IOException {
        Path file = write("""
                0x28@41046368 = CREATE_SERVICE: utf16z serviceName, u32 clientPid, u32 flags, utf16z imagePath | confirmed | build 99999 capture
                0x2a = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | build 99999 capture
                """);

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.candidates(GUID, 0x28)).as("the seed entry (same key) is replaced, the others stay")
                .hasSize(4)
                .anySatisfy(e -> assertThat(e.fields()).hasSize(4))
                .noneSatisfy(e -> assertThat(e.source()).contains("anquanke.com post 241806"));
        assertThat(t.candidates(GUID, 0x2A)).extracting(MessageEntry::kind)
                .as("an untagged 0x2a of the override adds to the defaults' tagged one")
                .containsExactlyInAnyOrder(MessageKind.OPEN_SERVICE, MessageKind.CREATE_REFUSED);
        assertThat(t.description()).isEqualTo("defaults overridden by " + file);
    }

    @Test
    void anOverrideMayDropTheDefaults() throws IOException {
        Path file = write("include-defaults = false\n0x30 = DELETE_SERVICE: utf16z serviceName, u32 clientPid"
                + " | confirmed | mine\n");

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.candidates(GUID, 0x28)).isEmpty();
        assertThat(first(t, GUID, 0x30).orElseThrow().kind()).isEqualTo(MessageKind.DELETE_SERVICE);
    }

    @Test
    void aPinnedOverrideKeepsTheUnpinnedDefaults() throws IOException {
        Path file = write("0x28@" + GUID + " = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath"
                + " | confirmed | pinned\n");

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.candidates(GUID, 0x28)).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo("pinned"));
        assertThat(t.candidates(UUID.randomUUID(), 0x28)).hasSize(4)
                .anySatisfy(e -> assertThat(e.source()).contains("anquanke.com post 241806"));
    }

    @Test
    void theSystemPropertyNamesTheOverrideWhenCodeGivesNone() throws IOException {
        Path file = write("0x31 = START_SERVICE: utf16z serviceName, u32 clientPid | confirmed | prop\n");
        String before = System.getProperty(MessageTable.SYSTEM_PROPERTY);
        System.setProperty(MessageTable.SYSTEM_PROPERTY, file.toString());
        try {
            assertThat(first(MessageTable.load(Optional.empty()), GUID, 0x31)).isPresent();
            Path other = write2("0x32 = START_SERVICE: utf16z serviceName, u32 clientPid | confirmed | code\n");
            MessageTable fromCode = MessageTable.load(Optional.of(other));
            assertThat(first(fromCode, GUID, 0x32)).isPresent();
            assertThat(first(fromCode, GUID, 0x31)).as("a path given in code wins over the property").isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(MessageTable.SYSTEM_PROPERTY);
            } else {
                System.setProperty(MessageTable.SYSTEM_PROPERTY, before);
            }
        }
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumber() {
        String ok = "0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath | confirmed | s";
        List<List<String>> cases = List.of(
                List.of(ok, "0x29 CREATE_SERVICE"),
                List.of("zz = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("0x10000 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("70000 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("0x28@not-a-guid = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | maybe | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed |   "),
                List.of("0x28 = LOAD_DRIVER: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE utf16z serviceName | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName, i32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName,, u32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z service-name, u32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: utf16z serviceName, u32 clientPid, u32 clientPid | confirmed | s"),
                List.of("0x28 = CREATE_SERVICE: utf16z serviceName | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: u32 serviceName, u32 clientPid | confirmed | s"),
                List.of("0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid, u32 imagePath | capture | s"),
                List.of("0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid | capture | s | identifies-file"),
                List.of("file 119db94a = not-a-guid"),
                List.of("file 119db94a = " + GUID, "file 119db94a = " + UUID.randomUUID()),
                List.of("0x28@119db94a@" + GUID + " = DIAGNOSTIC: none | capture | s"),
                List.of(ok, "# fine", ok),
                List.of("include-defaults = maybe"),
                List.of("include-defaults = false", "include-defaults = true"));
        List<String> messages = List.of(
                "t line 2: expected '<id>[@<message GUID or file>] = <KIND>: <fields> | <evidence> | <source>'"
                        + " but found no '=' in: 0x29 CREATE_SERVICE",
                "t line 1: bad key 'zz'",
                "t line 1: bad key '0x10000'",
                "t line 1: message number 70000 is larger than 0xffff",
                "t line 1: bad key '0x28@not-a-guid'",
                "t line 1: expected '<KIND>: <fields> | <evidence> | <source>' after '=' (and optionally "
                        + "'| identifies-file'), found 2 part(s)",
                "t line 1: evidence must be capture, published-article, public-decompilation or unconfirmed",
                "t line 1: no source given",
                "t line 1: unknown kind 'LOAD_DRIVER'",
                "t line 1: expected ':' and the field layout after OPEN_SERVICE utf16z serviceName",
                "t line 1: no fields after ':'",
                "t line 1: unknown field type 'i32'",
                "t line 1: bad field '': expected '<type> <name>'",
                "t line 1: bad field name 'service-name'",
                "t line 1: field 'clientPid' appears twice",
                "t line 1: CREATE_SERVICE needs the field 'u32 clientPid'",
                "t line 1: field serviceName of OPEN_SERVICE must be utf16z, not u32",
                "t line 1: field imagePath must be utf16z, not u32",
                "t line 1: identifies-file needs a source-file tag in the key",
                "t line 1: expected 'file <hash> = {message GUID}', found 'not-a-guid'",
                "t line 2: file 119db94a or GUID",
                "t line 1: bad key '0x28@119db94a@",
                "t line 3: message 0x28 with layout CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath"
                        + " is already defined on line 1",
                "t line 1: include-defaults must be true or false, not 'maybe'",
                "t line 2: include-defaults given twice");
        for (int i = 0; i < cases.size(); i++) {
            List<String> lines = cases.get(i);
            int expectedLine = Integer.parseInt(messages.get(i).replaceAll("^t line (\\d+):.*$", "$1"));
            assertThatThrownBy(() -> MessageTable.of("t", lines))
                    .as("case %d", i)
                    .isInstanceOf(MessageTableException.class)
                    .hasMessageStartingWith(messages.get(i))
                    .satisfies(x -> {
                        MessageTableException m = (MessageTableException) x;
                        assertThat(m.table()).isEqualTo("t");
                        assertThat(m.line()).isEqualTo(expectedLine);
                    });
        }
    }

    @Test
    void aMissingOverrideFileIsATypedError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> MessageTable.load(Optional.of(missing)))
                .isInstanceOf(MessageTableException.class)
                .hasMessageStartingWith(missing + ": cannot be read as a UTF-8 message table")
                .satisfies(x -> assertThat(((MessageTableException) x).line()).isZero());
    }

    @Test
    void aBadOverrideFileNamesItsPathAndLine() throws IOException {
        Path file = write("# mine\n0x2a = OPEN_SERVICE: utf16z serviceName | confirmed | x\n");

        assertThatThrownBy(() -> MessageTable.load(Optional.of(file)))
                .isInstanceOf(MessageTableException.class)
                .hasMessage(file + " line 2: OPEN_SERVICE needs the field 'u32 clientPid'");
    }

    private static Optional<MessageEntry> first(MessageTable t, UUID guid, int id) {
        return t.candidates(guid, id).stream().findFirst();
    }

    private static List<MessageKind> kinds(MessageTable t, int id) {
        return t.candidates(GUID, id).stream().map(MessageEntry::kind).toList();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("table.properties"), text, StandardCharsets.UTF_8);
    }

    private Path write2(String text) throws IOException {
        return Files.writeString(dir.resolve("table2.properties"), text, StandardCharsets.UTF_8);
    }
}
