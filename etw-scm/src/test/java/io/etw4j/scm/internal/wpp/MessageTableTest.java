package io.etw4j.scm.internal.wpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.scm.MessageTableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTableTest {
    static final UUID GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");

    @TempDir
    Path dir;

    @Test
    void theDefaultsHoldOnlyTheSeedsConfirmedCreateMessage() {
        MessageTable t = MessageTable.defaults();

        assertThat(t.entries()).hasSize(1);
        MessageEntry e = t.find(GUID, 0x28).orElseThrow();
        assertThat(e.kind()).isEqualTo(MessageKind.CREATE_SERVICE);
        assertThat(e.fields()).containsExactly(new FieldSpec(FieldType.UTF16Z, "serviceName"),
                new FieldSpec(FieldType.U32, "clientPid"), new FieldSpec(FieldType.UTF16Z, "imagePath"));
        assertThat(e.confirmed()).isTrue();
        assertThat(e.source()).contains("seed article");
        assertThat(e.messageGuid()).isEmpty();
        assertThat(t.pinsGuids()).isFalse();
        assertThat(t.find(GUID, 0x2A)).as("0x2A is not confirmed by any source").isEmpty();
    }

    @Test
    void idsAreHexOrDecimalAndGuidsMayHaveBraces() {
        MessageTable t = MessageTable.of("t", List.of(
                "# comment",
                "",
                "  41 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | capture A  ",
                "0X2B@{" + GUID.toString().toUpperCase() + "} = START_SERVICE: utf16z serviceName, u32 clientPid"
                        + " | CONFIRMED | capture B | with a pipe"));

        MessageEntry open = t.find(UUID.randomUUID(), 41).orElseThrow();
        MessageEntry start = t.find(GUID, 0x2B).orElseThrow();

        assertThat(open.confirmed()).isFalse();
        assertThat(open.origin()).isEqualTo("t:3");
        assertThat(open.layout()).isEqualTo("OPEN_SERVICE: utf16z serviceName, u32 clientPid");
        assertThat(start.messageGuid()).contains(GUID);
        assertThat(start.confirmed()).isTrue();
        assertThat(start.source()).isEqualTo("capture B | with a pipe");
        assertThat(t.find(UUID.randomUUID(), 0x2B)).isEmpty();
        assertThat(t.pinsGuids()).isTrue();
    }

    @Test
    void anOverrideFileReplacesAndExtendsTheDefaults() throws IOException {
        Path file = write("""
                0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid, u32 flags, utf16z imagePath | confirmed | build 99999 capture
                0x2a = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | build 99999 capture
                """);

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.find(GUID, 0x28).orElseThrow().fields()).hasSize(4);
        assertThat(t.find(GUID, 0x2A)).isPresent();
        assertThat(t.description()).isEqualTo("defaults overridden by " + file);
    }

    @Test
    void anOverrideMayDropTheDefaults() throws IOException {
        Path file = write("include-defaults = false\n0x30 = DELETE_SERVICE: utf16z serviceName, u32 clientPid"
                + " | confirmed | mine\n");

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.find(GUID, 0x28)).isEmpty();
        assertThat(t.find(GUID, 0x30).orElseThrow().kind()).isEqualTo(MessageKind.DELETE_SERVICE);
    }

    @Test
    void aPinnedOverrideKeepsTheUnpinnedDefault() throws IOException {
        Path file = write("0x28@" + GUID + " = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath"
                + " | confirmed | pinned\n");

        MessageTable t = MessageTable.load(Optional.of(file));

        assertThat(t.find(GUID, 0x28).orElseThrow().source()).isEqualTo("pinned");
        assertThat(t.find(UUID.randomUUID(), 0x28).orElseThrow().source()).contains("seed article");
    }

    @Test
    void theSystemPropertyNamesTheOverrideWhenCodeGivesNone() throws IOException {
        Path file = write("0x31 = START_SERVICE: utf16z serviceName, u32 clientPid | confirmed | prop\n");
        String before = System.getProperty(MessageTable.SYSTEM_PROPERTY);
        System.setProperty(MessageTable.SYSTEM_PROPERTY, file.toString());
        try {
            assertThat(MessageTable.load(Optional.empty()).find(GUID, 0x31)).isPresent();
            Path other = write2("0x32 = START_SERVICE: utf16z serviceName, u32 clientPid | confirmed | code\n");
            MessageTable fromCode = MessageTable.load(Optional.of(other));
            assertThat(fromCode.find(GUID, 0x32)).isPresent();
            assertThat(fromCode.find(GUID, 0x31)).as("a path given in code wins over the property").isEmpty();
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
                List.of("0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid | confirmed | s"),
                List.of("0x28 = OPEN_SERVICE: u32 serviceName, u32 clientPid | confirmed | s"),
                List.of(ok, "# fine", ok),
                List.of("include-defaults = maybe"),
                List.of("include-defaults = false", "include-defaults = true"));
        List<String> messages = List.of(
                "t line 2: expected '<id>[@<message GUID>] = <KIND>: <fields> | <confirmed|unconfirmed> | <source>'"
                        + " but found no '=' in: 0x29 CREATE_SERVICE",
                "t line 1: bad key 'zz'",
                "t line 1: bad key '0x10000'",
                "t line 1: message number 70000 is larger than 0xffff",
                "t line 1: bad key '0x28@not-a-guid'",
                "t line 1: expected '<KIND>: <fields> | <confirmed|unconfirmed> | <source>' after '=', found 2 part(s)",
                "t line 1: status must be 'confirmed' or 'unconfirmed', not 'maybe'",
                "t line 1: no source given",
                "t line 1: unknown kind 'LOAD_DRIVER'",
                "t line 1: expected ':' and the field layout after OPEN_SERVICE utf16z serviceName",
                "t line 1: no fields after ':'",
                "t line 1: unknown field type 'i32'",
                "t line 1: bad field '': expected '<type> <name>'",
                "t line 1: bad field name 'service-name'",
                "t line 1: field 'clientPid' appears twice",
                "t line 1: CREATE_SERVICE needs the field 'utf16z imagePath'",
                "t line 1: field serviceName of OPEN_SERVICE must be utf16z, not u32",
                "t line 3: message 0x28 is already defined on line 1",
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

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("table.properties"), text, StandardCharsets.UTF_8);
    }

    private Path write2(String text) throws IOException {
        return Files.writeString(dir.resolve("table2.properties"), text, StandardCharsets.UTF_8);
    }
}
