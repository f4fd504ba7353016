package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the SCM WPP provider's records ("Service Control Manager Trace", control GUID
 * {@code {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}}) into {@link WppMessage}s, driven by a {@link MessageTable}. The
 * correlation stage builds the public events from them, as it does from the Services and Kernel-Process records.
 *
 * <p><b>How a WPP record arrives</b> (sources: evntcons.h EVENT_HEADER_FLAG_TRACE_MESSAGE = 0x0008; evntrace.h
 * MESSAGE_TRACE_HEADER; the article whose debugger session {@link Evidence#PUBLISHED_ARTICLE} names):
 * <ul>
 *   <li>The header carries EVENT_HEADER_FLAG_TRACE_MESSAGE ({@link EventRecord#isTraceMessage()}); from an .etl file
 *       the same record has a MESSAGE_TRACE_HEADER ({@code HeaderKind.MESSAGE}) and the reader sets the flag.</li>
 *   <li>Its ProviderId is the <em>message GUID</em> of the services.exe source file that logged it (the published
 *       article's {@code WPP_..._Traceguids}), not the control GUID that was enabled. Message numbers are per message GUID and
 *       may change between Windows builds.</li>
 *   <li>The descriptor id is the message number (0x28: create service, from ScCreateServiceRpc).</li>
 *   <li>The header PID is services.exe's; the client PID exists only in the payload
 *       (I_RpcBindingInqLocalClientPID).</li>
 * </ul>
 *
 * <p><b>What it matches.</b> A record is the decoder's if it is a WPP record ({@link #isWpp}); every other record
 * gives {@link Optional#empty()}. Its candidates are the table's entries for its number: those pinned to its message
 * GUID if any, else those for any GUID ({@link MessageTable#candidates}). A candidate <em>fits</em> when the payload
 * has its shape exactly (every field read within bounds, strings well-formed UTF-16 and NUL-terminated, no byte left
 * over) and every named field is plausible ({@link MessageFields#check}). Client PIDs are checked twice over: first
 * only real PIDs count; only when no candidate fits that way is a PID of 0 accepted (services.exe logs 0 when it has
 * no local client), and then it names no client.
 *
 * <p><b>What it gives.</b> Exactly one fitting candidate of an act kind, with evidence at least the decoder's minimum,
 * gives a {@link WppMessage.Act} with the decoded fields and that entry (its public event is attributed by
 * {@link AttributionSource#SCM_WPP} and carries the entry's {@link Evidence}). Everything else gives a
 * {@link WppMessage.Unknown} with the reason (its public event, an {@code UnknownScmMessage}, adds the raw payload and
 * the strings and plausible PIDs found) and never an exception: an id the table lacks, an id pinned to other GUIDs, a payload that fits no
 * candidate (the reason lists each with why), one that fits several (the reason lists them: a record is never decoded
 * by a guess between layouts; when every fitting layout belongs to a source file, one is an act and the record's
 * message GUID has no file bound yet, the unknown is {@link WppMessage.Unknown#deferrable() deferrable}: a later
 * identifying record of the same file may decide it, see {@code AmbiguousWppHold}), a fit to an unconfirmed or
 * {@link MessageKind#DIAGNOSTIC} entry, or a fit whose evidence is below the minimum (the reason shows the reading,
 * not presented as fact).
 *
 * <p>Thread-safe: stateless apart from the set of message GUIDs seen ({@link #messageGuidsSeen()}), logged at INFO
 * the first time each appears so a deployment can pin them, the source files learned ({@link #learnedFileGuids()}),
 * which can decide a record decoded again later, and the candidates of each (message GUID, number) seen, kept until a
 * file is learned ({@link CandidateCache}).
 *
 * <pre>{@code
 * ScmWppDecoder decoder = new ScmWppDecoder(MessageTable.defaults());
 * decoder.decode(record).ifPresent(message -> ...);   // empty: not a WPP record
 * }</pre>
 */
public final class ScmWppDecoder implements Function<EventRecord, Optional<WppMessage>> {
    private static final Logger LOG = LoggerFactory.getLogger(ScmWppDecoder.class);
    /** The most message GUIDs remembered (a bound against a replay full of other providers' WPP records). */
    static final int MAX_GUIDS_REMEMBERED = 256;
    /** CreateServiceW: the service name's "maximum string length is 256 characters" (learn.microsoft.com). */
    static final int MAX_SERVICE_NAME_CHARS = MessageFields.MAX_SERVICE_NAME_CHARS;

    private final MessageTable table;
    private final Evidence minimumEvidence;
    private final Set<UUID> guidsSeen = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> learnedFiles = new ConcurrentHashMap<>();
    private final Map<String, UUID> learnedGuids = new ConcurrentHashMap<>();
    private final CandidateCache candidateCache;

    /** A decoder driven by {@code table}, giving acts for any evidence other than {@link Evidence#NONE}. */
    public ScmWppDecoder(MessageTable table) {
        this(table, Evidence.PUBLIC_DECOMPILATION);
    }

    /**
     * A decoder driven by {@code table} that gives acts only for entries whose evidence is at least
     * {@code minimumEvidence}.
     */
    public ScmWppDecoder(MessageTable table, Evidence minimumEvidence) {
        this.table = Objects.requireNonNull(table, "table");
        this.minimumEvidence = Objects.requireNonNull(minimumEvidence, "minimumEvidence");
        this.candidateCache = new CandidateCache(table, learnedFiles::get, learnedGuids::get);
        LOG.debug("SCM WPP message table: {}; {}", table.description(), table.pinsGuids()
                ? "entries pinned to a message GUID apply to that GUID only"
                : "no entry is pinned to a message GUID: records of any message GUID are decoded by number");
    }

    /** The table it decodes with. */
    public MessageTable table() {
        return table;
    }

    /** The least evidence an entry needs to give an act. */
    public Evidence minimumEvidence() {
        return minimumEvidence;
    }

    /**
     * The source files whose message GUID this decoder learned, by file hash: from records that fitted exactly one
     * candidate, whose layout is marked {@code identifies-file}.
     */
    public Map<String, UUID> learnedFileGuids() {
        return Map.copyOf(learnedGuids);
    }

    /** The message GUIDs of the WPP records seen so far (at most {@value #MAX_GUIDS_REMEMBERED}). */
    public Set<UUID> messageGuidsSeen() {
        return Set.copyOf(guidsSeen);
    }

    @Override
    public Optional<WppMessage> apply(EventRecord record) {
        return decode(record);
    }

    /**
     * The message of {@code record}: empty if it is not a WPP (trace message) record, otherwise an act or a
     * {@link WppMessage.Unknown}. Never throws for any record.
     */
    public Optional<WppMessage> decode(EventRecord record) {
        if (!isWpp(record)) {
            return Optional.empty();
        }
        UUID guid = record.providerId();
        if (!guidsSeen.contains(guid) && guidsSeen.size() < MAX_GUIDS_REMEMBERED && guidsSeen.add(guid)) {
            // DEBUG: nothing to act on (a user who pins GUIDs reads ScmMonitor.messageGuidsSeen(), which the samples print)
            LOG.debug("SCM WPP message GUID seen: {} (message {}); pin it in a message table to decode only this "
                    + "source file's numbers", guid, hex(record.id()));
        }
        int id = record.id();
        List<MessageEntry> candidates = candidateCache.candidates(guid, id);
        if (candidates.isEmpty()) {
            List<MessageEntry> pinned = table.pinnedEntries(id);
            if (pinned.isEmpty()) {
                return unknown(record, "message " + hex(id) + " is not in the message table (" + table.description()
                        + ")");
            }
            return unknown(record, "message " + hex(id) + " came with message GUID " + guid + " but the table pins "
                    + hex(id) + " to " + pinned.stream().map(e -> e.messageGuid().orElseThrow().toString()).toList()
                    + " (message numbers are per message GUID)");
        }
        Match match = match(record, candidates);
        if (match.fits.isEmpty()) {
            StringBuilder why = new StringBuilder("message " + hex(id) + " fits none of its " + candidates.size()
                    + " candidate layout(s): ");
            for (int i = 0; i < candidates.size(); i++) {
                why.append(i == 0 ? "" : "; ").append(candidates.get(i).describe()).append(": ")
                        .append(match.failures.get(i));
            }
            return unknown(record, why.toString());
        }
        if (match.fits.size() > 1) {
            StringBuilder why = new StringBuilder("message " + hex(id) + " fits " + match.fits.size()
                    + " candidate layouts, so none is trusted (message numbers are per source file and build; pin "
                    + "the message GUID in a table to choose): ");
            for (int i = 0; i < match.fits.size(); i++) {
                LayoutReader.Reading r = match.fits.get(i);
                why.append(i == 0 ? "" : "; ").append(r.entry.describe()).append(" reads ").append(r.values);
            }
            return Optional.of(new WppMessage.Unknown(record, why.toString(), deferrable(guid, match.fits)));
        }
        LayoutReader.Reading reading = match.fits.get(0);
        MessageEntry e = reading.entry;
        learnFile(guid, e);
        if (!e.confirmed()) {
            return unknown(record, "message " + hex(id) + " fits only an UNCONFIRMED table entry (" + e.origin()
                    + ", source: " + e.source() + "); candidate reading, not presented as fact: " + e.kind() + " "
                    + reading.values);
        }
        if (!e.kind().isAct()) {
            return unknown(record, "message " + hex(id) + " fits only " + e.describe() + " (source: " + e.source()
                    + "), which reports no act etw4j types: " + reading.values);
        }
        if (!e.evidence().atLeast(minimumEvidence)) {
            return unknown(record, "message " + hex(id) + " fits only " + e.describe() + ", whose evidence "
                    + e.evidence() + " is below the required " + minimumEvidence + "; reading, not presented as fact: "
                    + e.kind() + " " + reading.values);
        }
        return Optional.of(WppMessages.of(record, e, reading.values));
    }

    /**
     * True if a record under {@code guid} that fitted every reading in {@code fits} may still be decided by a later
     * record: every fitting entry belongs to a source file ({@code @file}), at least one is an act, and no file is
     * bound to {@code guid} yet (a later identifying record may bind one).
     */
    private boolean deferrable(UUID guid, List<LayoutReader.Reading> fits) {
        boolean anAct = false;
        for (LayoutReader.Reading r : fits) {
            if (r.entry.file().isEmpty()) {
                return false;
            }
            anAct |= r.entry.kind().isAct();
        }
        return anAct && table.fileOf(guid, learnedFiles::get) == null;
    }

    /**
     * A record under {@code guid} fitted only {@code e}: if its layout identifies its source file and neither the GUID
     * nor the file is bound yet, they are bound from now on (the file's other numbers are then read under this GUID
     * only, and its entries no longer apply to other GUIDs).
     */
    private void learnFile(UUID guid, MessageEntry e) {
        if (!e.identifiesFile() || e.file().isEmpty() || !e.confirmed()) {
            return;
        }
        String file = e.file().get();
        if (table.fileOf(guid, learnedFiles::get) != null || table.declaredFileGuids().containsKey(file)
                || learnedGuids.containsKey(file)) {
            return;
        }
        synchronized (learnedGuids) {
            if (learnedGuids.putIfAbsent(file, guid) == null) {
                learnedFiles.put(guid, file);
                candidateCache.invalidate();
                LOG.debug("SCM WPP message GUID {} belongs to services.exe source file {} (learned from message {}, "
                        + "{}); pin it with the table line 'file {} = {{{}}}'", guid, file, hex(e.id()), e.layout(),
                        file, guid);
            }
        }
    }

    /**
     * True for a WPP (TraceMessage) record: EVENT_HEADER_FLAG_TRACE_MESSAGE set (a live session), or read from an
     * .etl MESSAGE_TRACE_HEADER ({@link HeaderKind#MESSAGE}).
     */
    public static boolean isWpp(EventRecord record) {
        return record.isTraceMessage() || record.headerKind() == HeaderKind.MESSAGE;
    }

    /**
     * The fields of {@code payload} read by {@code entry}'s layout (by name, in layout order: a {@link String} for
     * utf16z fields, a {@link Long} for integers), or empty if the payload does not fit it: the same test as decoding
     * (shape exact, every named field plausible, real PIDs only). For tools that compare a record with a known layout
     * (the calibration). Never throws for any payload.
     */
    public static Optional<Map<String, Object>> readFields(byte[] payload, int pointerSize, MessageEntry entry) {
        LayoutReader.Reading r = LayoutReader.readIfFits(payload, pointerSize, entry, MessageFields.PidRule.REAL_PID);
        return r == null ? Optional.empty() : Optional.of(Map.copyOf(r.values));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The candidates that fit a payload, and why each of the others did not (in candidate order). */
    private static final class Match {
        final List<LayoutReader.Reading> fits = new ArrayList<>(2);
        final List<String> failures;

        Match(int candidates) {
            failures = new ArrayList<>(candidates);
        }
    }

    /**
     * Tries every candidate with real PIDs only, then, if none fits, with PID 0 allowed. {@code failures} holds the
     * reasons of the last pass when nothing fits (they are worked out only then: a pass that fits needs none).
     */
    private static Match match(EventRecord record, List<MessageEntry> candidates) {
        byte[] p = record.payload();
        int pointerSize = record.pointerSize();
        Match strict = attempt(p, pointerSize, candidates, MessageFields.PidRule.REAL_PID, false);
        if (!strict.fits.isEmpty()) {
            return strict;
        }
        Match lenient = attempt(p, pointerSize, candidates, MessageFields.PidRule.REAL_PID_OR_ZERO, false);
        if (!lenient.fits.isEmpty()) {
            return lenient;
        }
        return attempt(p, pointerSize, candidates, MessageFields.PidRule.REAL_PID_OR_ZERO, true);
    }

    private static Match attempt(byte[] p, int pointerSize, List<MessageEntry> candidates,
            MessageFields.PidRule pidRule, boolean explain) {
        Match m = new Match(explain ? candidates.size() : 0);
        for (MessageEntry e : candidates) {
            if (!explain) {
                LayoutReader.Reading r = LayoutReader.readIfFits(p, pointerSize, e, pidRule);
                if (r != null) {
                    m.fits.add(r);
                }
                continue;
            }
            try {
                m.fits.add(LayoutReader.read(p, pointerSize, e, pidRule));
                m.failures.add("fits");
            } catch (LayoutReader.ShapeException x) {
                m.failures.add(x.getMessage());
            }
        }
        return m;
    }

    private static Optional<WppMessage> unknown(EventRecord r, String reason) {
        return Optional.of(new WppMessage.Unknown(r, reason));
    }

    private static String hex(int id) {
        return String.format("0x%x", id);
    }
}
