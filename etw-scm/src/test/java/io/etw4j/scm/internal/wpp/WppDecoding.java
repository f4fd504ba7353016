package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.internal.correlation.PublicEvents;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Test view of an {@link ScmWppDecoder} through the event-building stage ({@link PublicEvents#of}): the public event
 * each decoded message becomes, so that tests written against the events keep their expected values. Tests of the
 * messages themselves use {@link #decoder} directly.
 */
final class WppDecoding {
    final ScmWppDecoder decoder;

    WppDecoding(MessageTable table) {
        this.decoder = new ScmWppDecoder(table);
    }

    WppDecoding(MessageTable table, Evidence minimumEvidence) {
        this.decoder = new ScmWppDecoder(table, minimumEvidence);
    }

    /** The public event of {@code record}'s message; empty if it is not a WPP record. */
    Optional<ScmEvent> decode(EventRecord record) {
        return decoder.decode(record).map(PublicEvents::of);
    }

    Set<UUID> messageGuidsSeen() {
        return decoder.messageGuidsSeen();
    }

    Map<String, UUID> learnedFileGuids() {
        return decoder.learnedFileGuids();
    }
}
