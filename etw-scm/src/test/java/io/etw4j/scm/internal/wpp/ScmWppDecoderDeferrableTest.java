package io.etw4j.scm.internal.wpp;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * When the decoder says an ambiguous record may still be decided by a later one
 * ({@link WppMessage.Unknown#deferrable()}), and when it does not.
 */
class ScmWppDecoderDeferrableTest {
    private static final UUID START_FILE = UUID.fromString("91aecf8c-0000-4000-8000-000000000002");

    private static WppMessage decode(ScmWppDecoder d, UUID guid, int id, byte[] payload) {
        return d.decode(ScmWppDecoderTest.wpp(guid, id, payload)).orElseThrow();
    }

    @Test
    void theFirstStartRequestIsADeferrableUnknownUntilItsFileIsLearnedThenAStartRequest() {
        ScmWppDecoder d = new ScmWppDecoder(MessageTable.defaults());
        byte[] start = le().utf16z("Spooler").u32(4936).bytes();

        assertThat(decode(d, START_FILE, 0x0c, start)).isInstanceOfSatisfying(WppMessage.Unknown.class, u -> {
            assertThat(u.deferrable()).isTrue();
            assertThat(u.reason()).contains("fits 3 candidate layouts");
        });
        assertThat(decode(d, START_FILE, 0x0d, le().utf16z("Spooler").u32(0).u32(0).bytes()))
                .isInstanceOf(WppMessage.StartResult.class);
        assertThat(decode(d, START_FILE, 0x0c, start)).isInstanceOfSatisfying(WppMessage.StartRequest.class,
                s -> assertThat(s.clientPid()).isEqualTo(4936));
    }

    @Test
    void anAmbiguityBetweenDiagnosticsOnlyIsFinal() {
        MessageTable t = MessageTable.of("two diagnostics", List.of(
                "0x0c@a8d36da9 = DIAGNOSTIC: utf16z serviceName, u32 error | public-decompilation | one",
                "0x0c@21b4c565 = DIAGNOSTIC: utf16z groupName, u32 groupIndex | public-decompilation | two"));

        assertThat(decode(new ScmWppDecoder(t), START_FILE, 0x0c, le().utf16z("x").u32(5).bytes()))
                .isInstanceOfSatisfying(WppMessage.Unknown.class, u -> assertThat(u.deferrable()).isFalse());
    }

    @Test
    void anAmbiguityWithAnEntryOfNoFileIsFinal() {
        MessageTable t = MessageTable.of("unfiled", List.of(
                "0x0c@91aecf8c = START_SERVICE: utf16z serviceName, u32 clientPid | public-decompilation | one",
                "0x0c = DIAGNOSTIC: utf16z groupName, u32 groupIndex | public-decompilation | two"));

        assertThat(decode(new ScmWppDecoder(t), START_FILE, 0x0c, le().utf16z("x").u32(5).bytes()))
                .isInstanceOfSatisfying(WppMessage.Unknown.class, u -> assertThat(u.deferrable()).isFalse());
    }

    @Test
    void aFinalUnknownByDefaultIsNotDeferrable() {
        assertThat(new WppMessage.Unknown(ScmWppDecoderTest.wpp(START_FILE, 1, new byte[0]), "why").deferrable())
                .isFalse();
    }
}
