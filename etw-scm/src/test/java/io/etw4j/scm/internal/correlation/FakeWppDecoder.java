package io.etw4j.scm.internal.correlation;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadException;
import io.etw4j.core.PayloadReader;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.internal.wpp.MessageEntry;
import io.etw4j.scm.internal.wpp.MessageKind;
import io.etw4j.scm.internal.wpp.WppMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

/**
 * Test stand-in for the SCM WPP decoder the correlator takes as a function: it gives the same internal
 * {@link WppMessage}s as the real {@code ScmWppDecoder} (which {@link PublicEvents} turns into public events), read
 * without a message table. Its entries carry the evidence the seed article's layout and the public decompilation have.
 * A client PID of 0 names no client, as with the real decoder.
 *
 * <p>Message 0x28 follows the seed article's layout (../shared/seed/scm-etw-article.md): service name (UTF-16LE, NUL
 * terminated), client PID (uint32 LE), image path (UTF-16LE). The ids {@link #TEST_START}, {@link #TEST_CONTROL} and
 * {@link #TEST_CONFIG} are NOT real SCM message numbers: they are test-only stand-ins so that WPP-attributed starts,
 * controls and configuration changes can be fed to the correlator (layout: service name, client PID, then for control
 * a uint32 code, for config a UTF-16 value).
 */
public final class FakeWppDecoder implements Function<EventRecord, Optional<WppMessage>> {
    /** A made-up message GUID standing for the SCM WPP source file's; any GUID works for the correlator. */
    public static final UUID MESSAGE_GUID = UUID.fromString("0ba1c0de-0000-4000-8000-00000000c0de");
    public static final int CREATE = 0x28;
    public static final int TEST_START = 0x7001;
    public static final int TEST_CONTROL = 0x7002;
    public static final int TEST_CONFIG = 0x7003;

    @Override
    public Optional<WppMessage> apply(EventRecord r) {
        if (!r.isTraceMessage() || !MESSAGE_GUID.equals(r.providerId())) {
            return Optional.empty();
        }
        PayloadReader p = r.payloadReader();
        try {
            String name = p.utf16z();
            int pid = (int) p.u32();
            if (r.id() == CREATE) {
                return Optional.of(new WppMessage.Create(r, entry(CREATE, MessageKind.CREATE_SERVICE,
                        Evidence.PUBLISHED_ARTICLE), name, pid, Optional.of(p.utf16z()), OptionalInt.empty()));
            } else if (r.id() == TEST_START) {
                return Optional.of(new WppMessage.StartRequest(r, entry(TEST_START, MessageKind.START_SERVICE,
                        Evidence.PUBLIC_DECOMPILATION), name, pid));
            } else if (r.id() == TEST_CONTROL) {
                return Optional.of(new WppMessage.Control(r, entry(TEST_CONTROL, MessageKind.CONTROL_SERVICE,
                        Evidence.PUBLIC_DECOMPILATION), name, pid, p.i32()));
            } else if (r.id() == TEST_CONFIG) {
                return Optional.of(new WppMessage.ConfigChange(r, entry(TEST_CONFIG, MessageKind.CHANGE_CONFIG,
                        Evidence.PUBLIC_DECOMPILATION), name, pid, Map.of("BinaryPathName", p.utf16z())));
            }
        } catch (PayloadException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A stand-in table entry for a fake message: the kind's required fields, any message GUID. */
    private static MessageEntry entry(int id, MessageKind kind, Evidence evidence) {
        return new MessageEntry(id, Optional.empty(), Optional.empty(), kind, kind.requiredFields(), evidence, false,
                "test only", "FakeWppDecoder");
    }

    /** A WPP create-service record, message 0x28, with the seed article's payload layout. */
    public static EventRecord create(String service, int clientPid, String imagePath, Instant t) {
        return message(CREATE, le().utf16z(service).u32(clientPid).utf16z(imagePath).bytes(), t);
    }

    /** A test-only WPP start record. */
    public static EventRecord start(String service, int clientPid, Instant t) {
        return message(TEST_START, le().utf16z(service).u32(clientPid).bytes(), t);
    }

    /** A test-only WPP control record. */
    public static EventRecord control(String service, int clientPid, int code, Instant t) {
        return message(TEST_CONTROL, le().utf16z(service).u32(clientPid).u32(code).bytes(), t);
    }

    /** A test-only WPP configuration record. */
    public static EventRecord config(String service, int clientPid, String binaryPath, Instant t) {
        return message(TEST_CONFIG, le().utf16z(service).u32(clientPid).utf16z(binaryPath).bytes(), t);
    }

    static EventRecord message(int id, byte[] payload, Instant t) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(MESSAGE_GUID)
                .descriptor(new EventDescriptor(id, 0, 0, 0, 0, 0, 0))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(PublishedLayouts.SERVICES_EXE)
                .threadId(PublishedLayouts.SERVICES_EXE + 8)
                .timestamp(t)
                .payload(payload)
                .build();
    }
}
