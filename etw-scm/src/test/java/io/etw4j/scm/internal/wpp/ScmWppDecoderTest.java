package io.etw4j.scm.internal.wpp;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SCM WPP decoder over the shipped table, seen through the public events its messages become
 * ({@link WppDecoding}): the seed article's layout and the current one of message 0x28, the accidental fits the
 * matching rules must refuse, source-file learning and the evidence levels ({@link ScmWppDecoderActsTest}: the other
 * acts, as messages). Payloads are built field by field from the layouts the table cites.
 */
class ScmWppDecoderTest {
    /** Any message GUID: the real one is that of services.exe's source file and differs between builds. */
    static final UUID MESSAGE_GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");
    static final UUID OTHER_GUID = UUID.fromString("00000000-2222-4222-8333-944455556666");
    static final Instant T = Instant.parse("2024-05-01T10:00:02Z");
    static final int SERVICES_EXE = 700;
    /** IMAGE_FILE_MACHINE_I386 (winnt.h). */
    static final int I386 = 0x014C;

    /** The seed article's capture, rebuilt byte by byte: see {@link SeedCapture} (PID bytes e4 0d 00 00 = 3556). */
    static final byte[] SEED_PAYLOAD = SeedCapture.payload();

    private final WppDecoding decoder = new WppDecoding(MessageTable.defaults());

    static EventRecord wpp(UUID guid, int id, byte[] payload) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(guid)
                .descriptor(EventDescriptor.ofId(id))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(SERVICES_EXE)
                .threadId(SERVICES_EXE + 4)
                .timestamp(T)
                .payload(payload)
                .build();
    }

    private ScmEvent decode(int id, byte[] payload) {
        return decoder.decode(wpp(MESSAGE_GUID, id, payload)).orElseThrow();
    }

    private UnknownScmMessage unknown(int id, byte[] payload) {
        ScmEvent e = decode(id, payload);
        assertThat(e).as("message 0x%x", id).isInstanceOf(UnknownScmMessage.class);
        return (UnknownScmMessage) e;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 0x28: the two create layouts

    @Test
    void theSeedCaptureDecodesToServiceCreatedByPid3556() {
        EventRecord record = wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD);

        ServiceCreated created = (ServiceCreated) decoder.decode(record).orElseThrow();

        assertThat(created.serviceName()).isEqualTo("evilsvc");
        assertThat(created.client().pid()).isEqualTo(3556); // e4 0d 00 00; the article's "3356" is a slip
        assertThat(created.client().resolution()).isEqualTo(ClientProcess.Resolution.PID_ONLY);
        assertThat(created.imagePath()).contains(new ServiceImagePath("C:\\drv\\evil.sys",
                ServiceImagePath.Origin.WPP_PAYLOAD));
        assertThat(created.wowType()).isEmpty();
        assertThat(created.evidence()).isEqualTo(Evidence.PUBLISHED_ARTICLE);
        assertThat(created.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
        assertThat(created.timestamp()).isEqualTo(T);
        assertThat(created.source()).isSameAs(record);
        assertThat(created.source().processId()).as("the header PID is services.exe, not the client")
                .isEqualTo(SERVICES_EXE);
        assertThat(decoder.messageGuidsSeen()).containsExactly(MESSAGE_GUID);
    }

    @Test
    void theCurrentLayoutNamesTheClientPidAfterTheWowType() {
        // The issue's example: "newsvc" + WOW type 0 + PID 0x1404. Read with the seed layout it would name no client
        // (PID 0) and an image path made of the PID's bytes; read with the current layout it names PID 5124.
        byte[] p = le().utf16z("newsvc").u32(0).u32(0x1404).bytes();

        ServiceCreated c = (ServiceCreated) decode(0x28, p);

        assertThat(c.client().pid()).isEqualTo(0x1404);
        assertThat(c.serviceName()).isEqualTo("newsvc");
        assertThat(c.wowType()).hasValue(0);
        assertThat(c.imagePath()).as("current builds log no path").isEmpty();
        assertThat(c.evidence()).isEqualTo(Evidence.PUBLIC_DECOMPILATION);
    }

    @Test
    void aWowTypeWhereTheSeedLayoutWouldReadAPidIsNeverAnAttributionToIt() {
        // WOW type 0x014C = 332 is a plausible PID, and the PID's low bytes would read as a one-character path with
        // the seed layout; a one-character path is refused, so only the current layout fits: PID 5124, never 332.
        byte[] p = le().utf16z("newsvc").u32(I386).u32(0x1404).bytes();

        ServiceCreated c = (ServiceCreated) decode(0x28, p);

        assertThat(c.client().pid()).isEqualTo(0x1404);
        assertThat(c.wowType()).hasValue(I386);
        assertThat(c.imagePath()).isEmpty();
    }

    @Test
    void withOnlyTheSeedLayoutTheSamePayloadIsRefusedNotReadAsPid332() {
        WppDecoding seedOnly = new WppDecoding(MessageTable.of("seed", List.of("0x28 = CREATE_SERVICE: utf16z "
                + "serviceName, u32 clientPid, utf16z imagePath | seed-article | seed")));

        UnknownScmMessage u = (UnknownScmMessage) seedOnly.decode(wpp(MESSAGE_GUID, 0x28,
                le().utf16z("newsvc").u32(I386).u32(0x1404).bytes())).orElseThrow();

        assertThat(u.reason()).contains("imagePath has 1 characters (2..32767 accepted)");
    }

    @Test
    void aWowTypeWithAPidAbove65535FitsOnlyTheCurrentLayout() {
        byte[] p = le().utf16z("wowsvc").u32(I386).u32(0x0001_1404).bytes();

        ServiceCreated c = (ServiceCreated) decode(0x28, p);

        assertThat(c.client().pid()).isEqualTo(0x0001_1404);
        assertThat(c.wowType()).hasValue(I386);
    }

    @Test
    void aWowTypeThatIsNoMachineIsRefused() {
        byte[] p = le().utf16z("svc").u32(0x1234).u32(0x1404).bytes();

        UnknownScmMessage u = unknown(0x28, p);

        assertThat(u.reason()).contains("fits none of its 4 candidate layout(s)")
                .contains("wowType 0x1234 is neither 0 nor an IMAGE_FILE_MACHINE_* value");
    }

    @Test
    void aCreateByARemoteClientNamesNoClient() {
        // services.exe logs PID 0 when I_RpcBindingInqLocalClientPID fails (no local client).
        ServiceCreated current = (ServiceCreated) decode(0x28, le().utf16z("psexesvc").u32(0).u32(0).bytes());
        // Under another GUID: the first record bound this GUID to the current build's source file.
        ServiceCreated seed = (ServiceCreated) decoder.decode(wpp(OTHER_GUID, 0x28, le().utf16z("svc").u32(0)
                .utf16z("C:\\a.exe").bytes())).orElseThrow();

        assertThat(current.client()).isEqualTo(ClientProcess.unknown());
        assertThat(current.serviceName()).isEqualTo("psexesvc");
        assertThat(seed.client()).isEqualTo(ClientProcess.unknown());
        assertThat(seed.imagePath().orElseThrow().path()).isEqualTo("C:\\a.exe");
    }

    @Test
    void a0x28WithANameAndOneIntegerIsNotACreate() {
        // RChangeServiceConfig2W and ScOpenServiceConfigKey log (S, d) under 0x28 in other source files.
        UnknownScmMessage u = unknown(0x28, le().utf16z("svc").u32(0x1404).bytes());

        assertThat(u.reason()).doesNotContain("CREATE_SERVICE: utf16z serviceName, u32 wowType, u32 clientPid reads")
                .contains("DIAGNOSTIC");
        assertThat(u.plausiblePids()).containsExactly(0x1404L);
    }

    @Test
    void everyTruncationOfTheSeedIsUnknownAndNeverAWrongField() {
        for (int length = 0; length < SEED_PAYLOAD.length; length++) {
            byte[] cut = Arrays.copyOf(SEED_PAYLOAD, length);

            UnknownScmMessage u = unknown(0x28, cut);

            assertThat(u.messageId()).isEqualTo(0x28);
            assertThat(u.messageGuid()).isEqualTo(MESSAGE_GUID);
            assertThat(u.payload()).isEqualTo(cut);
            assertThat(u.client()).isEqualTo(ClientProcess.unknown());
            assertThat(u.reason()).as("length %d", length).containsAnyOf("fits none of its", "so none is trusted",
                    "reports no act");
        }
    }

    @Test
    void aTruncatedSeedStillReportsTheStringsAndPidItHolds() {
        byte[] cut = Arrays.copyOf(SEED_PAYLOAD, SEED_PAYLOAD.length - 2); // the image path lost its NUL

        UnknownScmMessage u = unknown(0x28, cut);

        assertThat(u.reason()).contains("utf16z imagePath at offset 20 has no NUL terminator");
        assertThat(u.strings()).containsExactly("evilsvc", "C:\\drv\\evil.sys");
        assertThat(u.plausiblePids()).containsExactly(3556L);
    }

    @Test
    void trailingBytesAreNotTheSeedShape() {
        UnknownScmMessage u = unknown(0x28, Arrays.copyOf(SEED_PAYLOAD, SEED_PAYLOAD.length + 4));

        assertThat(u.reason()).contains("4 byte(s) left after the last field");
    }

    @Test
    void anImplausiblePidIsRefusedNotReported() {
        UnknownScmMessage u = unknown(0x28, le().utf16z("svc").u32(3557).utf16z("C:\\a.exe").bytes());

        assertThat(u.reason()).contains("clientPid 3557 (0xde5) is not a plausible process id");
        assertThat(u.strings()).containsExactly("svc", "C:\\a.exe");
    }

    @Test
    void malformedNamesAndPathsAreRefused() {
        List<byte[]> bad = List.of(
                le().utf16z("").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("a\\b").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("a/b").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("x".repeat(257)).u32(3556).utf16z("C:\\a.exe").bytes(),
                le().raw((byte) 0x00, (byte) 0xD8).raw((byte) 0x41, (byte) 0).raw((byte) 0, (byte) 0).u32(3556)
                        .utf16z("C:\\a.exe").bytes(),
                le().utf16z("svc").u32(3556).utf16z("").bytes(),
                le().utf16z("s\u0007vc").u32(3556).utf16z("C:\\a.exe").bytes(),
                le().utf16z("svc").u32(3556).utf16z("C:\\a\u0001.exe").bytes());
        List<String> reasons = List.of("serviceName has 0 characters", "contains '/' or '\\'",
                "contains '/' or '\\'", "serviceName has 257 characters", "unpaired UTF-16 surrogate 0xd800",
                "imagePath has 0 characters", "serviceName contains the control character U+0007",
                "imagePath contains the control character U+0001");
        for (int i = 0; i < bad.size(); i++) {
            assertThat(unknown(0x28, bad.get(i)).reason()).as("case %d", i).contains(reasons.get(i));
        }
    }

    @Test
    void aNameOf256CharactersASurrogatePairAndALongPathAreAccepted() {
        String name = "x".repeat(254) + "\uD83D\uDE00"; // 256 UTF-16 code units
        String path = "C:\\" + "\u00e9".repeat(4000) + ".exe";
        byte[] p = le().utf16z(name).u32(4).utf16z(path).bytes();

        ServiceCreated c = (ServiceCreated) decode(0x28, p);

        assertThat(c.serviceName()).isEqualTo(name);
        assertThat(c.imagePath().orElseThrow().path()).as("a long path must not hide a creation").isEqualTo(path);
        assertThat(c.client().pid()).isEqualTo(4);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Evidence, pins, unknown ids

    @Test
    void onceAGuidIsKnownAsTheCurrentCreateFileTheSeedLayoutNoLongerAppliesToIt() {
        decode(0x28, le().utf16z("newsvc").u32(0).u32(0x1404).bytes());

        UnknownScmMessage u = unknown(0x28, SEED_PAYLOAD);
        ScmEvent elsewhere = decoder.decode(wpp(OTHER_GUID, 0x28, SEED_PAYLOAD)).orElseThrow();

        assertThat(decoder.learnedFileGuids()).containsExactly(Map.entry("119db94a", MESSAGE_GUID));
        assertThat(u.reason()).contains("fits none of its 1 candidate layout(s)");
        assertThat(elsewhere).isInstanceOf(ServiceCreated.class);
    }

    @Test
    void aMinimumEvidenceTurnsWeakerReadingsIntoUnknowns() {
        WppDecoding strict = new WppDecoding(MessageTable.defaults(), Evidence.CAPTURE);

        ScmEvent current = strict.decode(wpp(MESSAGE_GUID, 0x28, le().utf16z("s").u32(0).u32(8).bytes()))
                .orElseThrow();
        ScmEvent seed = strict.decode(wpp(OTHER_GUID, 0x28, SEED_PAYLOAD)).orElseThrow();
        ScmEvent seedLevel = new WppDecoding(MessageTable.defaults(), Evidence.PUBLISHED_ARTICLE)
                .decode(wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD)).orElseThrow();

        assertThat(((UnknownScmMessage) current).reason()).contains("whose evidence PUBLIC_DECOMPILATION is below the "
                + "required CAPTURE").contains("clientPid=8");
        assertThat(((UnknownScmMessage) seed).reason()).contains("PUBLISHED_ARTICLE is below the required CAPTURE");
        assertThat(seedLevel).isInstanceOf(ServiceCreated.class);
        assertThatThrownBy(() -> io.etw4j.scm.ScmMonitor.builder().minimumEvidence(Evidence.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownIdsAreKeptWithWhatTheyHold() {
        for (int id : new int[] {0x29, 0, 0xFFFF}) {
            UnknownScmMessage u = unknown(id, SEED_PAYLOAD);

            assertThat(u.messageId()).isEqualTo(id);
            assertThat(u.reason()).isEqualTo(String.format("message 0x%x is not in the message table (defaults "
                    + "(/io/etw4j/scm/scm-wpp-messages.properties))", id));
            assertThat(u.payload()).isEqualTo(SEED_PAYLOAD);
            assertThat(u.strings()).containsExactly("evilsvc", "C:\\drv\\evil.sys");
            assertThat(u.plausiblePids()).containsExactly(3556L);
        }
    }

    @Test
    void recordsThatAreNotWppAreNotTheDecodersToJudge() {
        EventRecord manifestEvent = wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD).toBuilder()
                .headerKind(HeaderKind.EVENT).flags(EventRecord.FLAG_64_BIT_HEADER).build();

        assertThat(decoder.decode(manifestEvent)).isEmpty();
        assertThat(decoder.messageGuidsSeen()).isEmpty();
    }

    @Test
    void oddPayloadsNeverThrow() {
        byte[][] odd = {
            new byte[0], {0}, {0, 0}, {0x41}, {0x41, 0, 0}, new byte[4096],
            HexFormat.of().parseHex("ffffffffffffffffffff"), HexFormat.of().parseHex("41004200430000"),
        };
        for (int id : new int[] {0x0b, 0x0c, 0x0d, 0x0e, 0x28, 0x2a, 0x2b, 0x50, 0x70, 0x72, 0x73}) {
            for (byte[] p : odd) {
                assertThat(decode(id, p)).isInstanceOf(UnknownScmMessage.class);
            }
        }
    }

    @Test
    void aPinnedEntryAppliesOnlyToItsGuid() {
        MessageTable pinned = MessageTable.of("pinned", List.of(
                "0x28@{" + MESSAGE_GUID + "} = CREATE_SERVICE: utf16z serviceName, u32 clientPid, utf16z imagePath"
                        + " | confirmed | test"));
        WppDecoding d = new WppDecoding(pinned);

        assertThat(d.decode(wpp(MESSAGE_GUID, 0x28, SEED_PAYLOAD)).orElseThrow()).isInstanceOf(ServiceCreated.class);
        UnknownScmMessage other = (UnknownScmMessage) d.decode(wpp(OTHER_GUID, 0x28, SEED_PAYLOAD)).orElseThrow();
        assertThat(other.reason()).isEqualTo("message 0x28 came with message GUID " + OTHER_GUID + " but the table "
                + "pins 0x28 to [" + MESSAGE_GUID + "] (message numbers are per message GUID)");
        assertThat(d.messageGuidsSeen()).containsExactlyInAnyOrder(MESSAGE_GUID, OTHER_GUID);
    }

    @Test
    void aPinnedEntryWinsOverAnUnpinnedOne() {
        MessageTable t = MessageTable.of("both", List.of(
                "0x30 = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | any GUID",
                "0x30@" + MESSAGE_GUID + " = CONTROL_SERVICE: utf16z serviceName, u32 clientPid, u32 controlCode"
                        + " | confirmed | pinned"));
        WppDecoding d = new WppDecoding(t);

        ScmEvent pinned = d.decode(wpp(MESSAGE_GUID, 0x30, le().utf16z("svc").u32(8).u32(1).bytes())).orElseThrow();
        ScmEvent any = d.decode(wpp(OTHER_GUID, 0x30, le().utf16z("svc").u32(8).bytes())).orElseThrow();

        assertThat(pinned).isInstanceOf(ServiceControlSent.class);
        assertThat(((ServiceControlSent) pinned).control()).isEqualTo(1);
        assertThat(any).isInstanceOf(ServiceOpened.class);
        assertThat(any.client().pid()).isEqualTo(8);
    }

    @Test
    void anUnconfirmedEntryGivesItsCandidateReadingButNoTypedEvent() {
        MessageTable t = MessageTable.of("user", List.of(
                "0x2a = OPEN_SERVICE: utf16z serviceName, u32 clientPid | unconfirmed | guess from one capture"));
        WppDecoding d = new WppDecoding(t);

        UnknownScmMessage u = (UnknownScmMessage) d.decode(wpp(MESSAGE_GUID, 0x2A,
                le().utf16z("Spooler").u32(1234 * 4).bytes())).orElseThrow();
        UnknownScmMessage misfit = (UnknownScmMessage) d.decode(wpp(MESSAGE_GUID, 0x2A, SEED_PAYLOAD)).orElseThrow();

        assertThat(u.reason()).isEqualTo("message 0x2a fits only an UNCONFIRMED table entry (user:1, source: guess "
                + "from one capture); candidate reading, not presented as fact: OPEN_SERVICE {serviceName=Spooler, "
                + "clientPid=4936}");
        assertThat(u.client()).isEqualTo(ClientProcess.unknown());
        assertThat(misfit.reason()).isEqualTo("message 0x2a fits none of its 1 candidate layout(s): OPEN_SERVICE: "
                + "utf16z serviceName, u32 clientPid [0x2a, unconfirmed, user:1]: 32 byte(s) left after the last field"
                + " (offset 20 of 52)");
    }

    @Test
    void aConfigChangeKeepsItsExtraFieldsAsChanges() {
        MessageTable t = MessageTable.of("user", List.of("0x40 = CHANGE_CONFIG: utf16z serviceName, u32 clientPid, "
                + "u32 startType, utf16z binaryPathName, u64 tag | confirmed | test"));
        byte[] p = le().utf16z("svc").u32(3556).u32(2).utf16z("C:\\new.exe").u64(7).bytes();

        ServiceConfigChanged c = (ServiceConfigChanged) new WppDecoding(t).decode(wpp(MESSAGE_GUID, 0x40, p))
                .orElseThrow();

        assertThat(c.changes()).containsExactly(Map.entry("startType", "2"), Map.entry("binaryPathName",
                "C:\\new.exe"), Map.entry("tag", "7"));
        assertThat(c.client().pid()).isEqualTo(3556);
        assertThat(c.evidence()).isEqualTo(Evidence.CAPTURE);
    }

    @Test
    void aDeclaredFileGuidNeedsNoLearning() {
        MessageTable t = MessageTable.of("calibrated", List.of("file 91aecf8c = {" + MESSAGE_GUID + "}",
                "0x0c@91aecf8c = START_SERVICE: utf16z serviceName, u32 clientPid | capture | mine",
                "0x0c@a8d36da9 = DIAGNOSTIC: utf16z serviceName, u32 error | public-decompilation | theirs"));

        ScmEvent e = new WppDecoding(t).decode(wpp(MESSAGE_GUID, 0x0c, le().utf16z("svc").u32(8).bytes()))
                .orElseThrow();

        assertThat(e).isInstanceOf(ServiceStarted.class);
        assertThat(Optional.of(e).map(ScmEvent::evidence)).contains(Evidence.CAPTURE);
    }
}
