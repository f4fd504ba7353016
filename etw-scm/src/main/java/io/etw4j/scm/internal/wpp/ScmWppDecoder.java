package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * {@code {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}}) into typed {@link ScmEvent}s, driven by a {@link MessageTable}.
 *
 * <p><b>How a WPP record arrives</b> (sources: evntcons.h EVENT_HEADER_FLAG_TRACE_MESSAGE = 0x0008; the seed article
 * ../shared/seed/scm-etw-article.md; ../shared/notes/windows-etw-layouts.md section 3.7):
 * <ul>
 *   <li>The header carries EVENT_HEADER_FLAG_TRACE_MESSAGE ({@link EventRecord#isTraceMessage()}); from an .etl file
 *       the same record has a MESSAGE_TRACE_HEADER ({@code HeaderKind.MESSAGE}) and the reader sets the flag.</li>
 *   <li>Its ProviderId is the <em>message GUID</em> of the services.exe source file that logged it (the seed's
 *       {@code WPP_..._Traceguids}), not the control GUID that was enabled. Message numbers are per message GUID and
 *       may change between Windows builds.</li>
 *   <li>The descriptor id is the message number (0x28: create service, from ScCreateServiceRpc).</li>
 *   <li>The header PID is services.exe's; the client PID exists only in the payload
 *       (I_RpcBindingInqLocalClientPID).</li>
 * </ul>
 *
 * <p><b>What it matches.</b> A record is the decoder's if it is a WPP record ({@link #isWpp}); every other record
 * gives {@link Optional#empty()}. A trace-message record is looked up by (message GUID, number) in the table: an entry
 * pinned to the record's GUID wins, else an entry for any GUID applies (the shipped table pins none, so it accepts any
 * GUID; a session of {@code ScmMonitor} enables no other WPP provider). The payload must then have the entry's shape
 * exactly: every field read within bounds, strings well-formed UTF-16 and NUL-terminated, {@code serviceName} 1..256
 * characters without '/' or '\' (CreateServiceW refuses others: learn.microsoft.com "CreateServiceW function"), {@code
 * imagePath} not empty, {@code clientPid} 0 or a plausible PID ({@link PayloadScan#isPlausiblePid}), and no byte left
 * over.
 *
 * <p><b>What it gives.</b> A typed event, attributed by {@link AttributionSource#SCM_WPP}, for a confirmed entry whose
 * shape fits; otherwise an {@link UnknownScmMessage} (message id, GUID, reason, raw payload, strings and plausible PIDs
 * found) and never an exception: for an id the table lacks, an id pinned to other GUIDs, a payload of the wrong shape
 * (truncated, trailing bytes, malformed string, implausible PID), or an entry marked unconfirmed (its reason then shows
 * the candidate reading, which is not presented as fact). A client PID of 0 gives {@link ClientProcess#unknown()}:
 * taken to mean services.exe could not name a local client (e.g. a remote RPC caller; inferred).
 *
 * <p>Thread-safe: stateless apart from the set of message GUIDs seen ({@link #messageGuidsSeen()}), logged at INFO
 * the first time each appears so a deployment can pin them.
 *
 * <pre>{@code
 * ScmWppDecoder decoder = new ScmWppDecoder(MessageTable.defaults());
 * decoder.decode(record).ifPresent(event -> ...);   // empty: not a WPP record
 * }</pre>
 */
public final class ScmWppDecoder implements Function<EventRecord, Optional<ScmEvent>> {
    private static final Logger LOG = LoggerFactory.getLogger(ScmWppDecoder.class);
    /** The most message GUIDs remembered (a bound against a replay full of other providers' WPP records). */
    static final int MAX_GUIDS_REMEMBERED = 256;
    /** CreateServiceW: the service name's "maximum string length is 256 characters" (learn.microsoft.com). */
    static final int MAX_SERVICE_NAME_CHARS = 256;

    private final MessageTable table;
    private final Set<UUID> guidsSeen = ConcurrentHashMap.newKeySet();

    /** A decoder driven by {@code table}. */
    public ScmWppDecoder(MessageTable table) {
        this.table = Objects.requireNonNull(table, "table");
        LOG.debug("SCM WPP message table: {}; {}", table.description(), table.pinsGuids()
                ? "entries pinned to a message GUID apply to that GUID only"
                : "no entry is pinned to a message GUID: records of any message GUID are decoded by number");
    }

    /** The table it decodes with. */
    public MessageTable table() {
        return table;
    }

    /** The message GUIDs of the WPP records seen so far (at most {@value #MAX_GUIDS_REMEMBERED}). */
    public Set<UUID> messageGuidsSeen() {
        return Set.copyOf(guidsSeen);
    }

    @Override
    public Optional<ScmEvent> apply(EventRecord record) {
        return decode(record);
    }

    /**
     * The event for {@code record}: empty if it is not a WPP (trace message) record, otherwise a typed event or an
     * {@link UnknownScmMessage}. Never throws for any record.
     */
    public Optional<ScmEvent> decode(EventRecord record) {
        if (!isWpp(record)) {
            return Optional.empty();
        }
        UUID guid = record.providerId();
        if (guidsSeen.size() < MAX_GUIDS_REMEMBERED && guidsSeen.add(guid)) {
            LOG.info("SCM WPP message GUID seen: {} (message {}); pin it in a message table to decode only this "
                    + "source file's numbers", guid, hex(record.id()));
        }
        int id = record.id();
        Optional<MessageEntry> entry = table.find(guid, id);
        if (entry.isEmpty()) {
            List<MessageEntry> pinned = table.pinnedEntries(id);
            if (pinned.isEmpty()) {
                return unknown(record, "message " + hex(id) + " is not in the message table (" + table.description()
                        + ")");
            }
            return unknown(record, "message " + hex(id) + " came with message GUID " + guid + " but the table pins "
                    + hex(id) + " to " + pinned.stream().map(e -> e.messageGuid().orElseThrow().toString()).toList()
                    + " (message numbers are per message GUID)");
        }
        MessageEntry e = entry.get();
        Reading reading;
        try {
            reading = read(record.payload(), e);
        } catch (ShapeException x) {
            return unknown(record, "message " + hex(id) + (e.confirmed() ? "" : " (unconfirmed entry)") + " does not "
                    + "have the shape of " + e.layout() + " (" + e.origin() + "): " + x.getMessage());
        }
        if (!e.confirmed()) {
            return unknown(record, "message " + hex(id) + " matches an UNCONFIRMED table entry (" + e.origin()
                    + ", source: " + e.source() + "); candidate reading, not presented as fact: " + e.kind() + " "
                    + reading.values);
        }
        return Optional.of(toEvent(record, e, reading));
    }

    /**
     * True for a WPP (TraceMessage) record: EVENT_HEADER_FLAG_TRACE_MESSAGE set (a live session), or read from an
     * .etl MESSAGE_TRACE_HEADER ({@link HeaderKind#MESSAGE}).
     */
    public static boolean isWpp(EventRecord record) {
        return record.isTraceMessage() || record.headerKind() == HeaderKind.MESSAGE;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The fields of one payload, read by an entry's layout. */
    private static final class Reading {
        final Map<String, Object> values = new LinkedHashMap<>();
    }

    /** The payload does not have the entry's shape. */
    private static final class ShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message, null, false, false);
        }
    }

    private static Reading read(byte[] p, MessageEntry e) throws ShapeException {
        Reading r = new Reading();
        int pos = 0;
        for (FieldSpec f : e.fields()) {
            switch (f.type()) {
                case UTF16Z: {
                    int end = nulAt(p, pos);
                    if (end < 0) {
                        throw new ShapeException("utf16z " + f.name() + " at offset " + pos + " has no NUL terminator "
                                + "before the end of the " + p.length + "-byte payload");
                    }
                    String s = wellFormed(p, pos, end, f.name());
                    r.values.put(f.name(), s);
                    pos = end + 2;
                    break;
                }
                case U16:
                    need(p, pos, 2, f);
                    r.values.put(f.name(), (long) ((p[pos] & 0xFF) | (p[pos + 1] & 0xFF) << 8));
                    pos += 2;
                    break;
                case U32:
                    need(p, pos, 4, f);
                    r.values.put(f.name(), le(p, pos, 4));
                    pos += 4;
                    break;
                case U64:
                    need(p, pos, 8, f);
                    r.values.put(f.name(), le(p, pos, 8));
                    pos += 8;
                    break;
                default:
                    throw new ShapeException("field type " + f.type() + " not supported");
            }
        }
        if (pos != p.length) {
            throw new ShapeException((p.length - pos) + " byte(s) left after the last field (offset " + pos + " of "
                    + p.length + ")");
        }
        checkKnownFields(r);
        return r;
    }

    private static void checkKnownFields(Reading r) throws ShapeException {
        Object name = r.values.get(MessageFields.SERVICE_NAME);
        if (name != null) {
            String s = (String) name;
            if (s.isEmpty() || s.length() > MAX_SERVICE_NAME_CHARS) {
                throw new ShapeException("serviceName has " + s.length() + " characters (CreateServiceW allows 1.."
                        + MAX_SERVICE_NAME_CHARS + ")");
            }
            if (s.indexOf('/') >= 0 || s.indexOf('\\') >= 0) {
                throw new ShapeException("serviceName contains '/' or '\\', which CreateServiceW refuses: \"" + s
                        + "\"");
            }
        }
        Object image = r.values.get(MessageFields.IMAGE_PATH);
        if (image != null && ((String) image).isEmpty()) {
            throw new ShapeException("imagePath is empty");
        }
        Object pid = r.values.get(MessageFields.CLIENT_PID);
        if (pid != null) {
            long v = (Long) pid;
            if (v != 0 && !PayloadScan.isPlausiblePid(v)) {
                throw new ShapeException("clientPid " + v + " (0x" + Long.toHexString(v) + ") is not a plausible "
                        + "process id (a non-zero multiple of 4 below 2^22, or 0)");
            }
        }
    }

    private static ScmEvent toEvent(EventRecord record, MessageEntry e, Reading r) {
        Instant t = record.timestamp();
        String name = (String) r.values.get(MessageFields.SERVICE_NAME);
        long pid = (Long) r.values.get(MessageFields.CLIENT_PID);
        ClientProcess client = pid == 0 ? ClientProcess.unknown() : ClientProcess.ofPid((int) pid);
        AttributionSource by = AttributionSource.SCM_WPP;
        switch (e.kind()) {
            case CREATE_SERVICE:
                return new ServiceCreated(t, client, name, (String) r.values.get(MessageFields.IMAGE_PATH), by, record);
            case OPEN_SERVICE:
                return new ServiceOpened(t, client, name, by, record);
            case START_SERVICE:
                return new ServiceStarted(t, client, name, by, record);
            case DELETE_SERVICE:
                return new ServiceDeleted(t, client, name, by, record);
            case CONTROL_SERVICE:
                return new ServiceControlSent(t, client, name,
                        (int) (long) (Long) r.values.get(MessageFields.CONTROL_CODE), by, record);
            case CHANGE_CONFIG: {
                Map<String, String> changes = new LinkedHashMap<>();
                for (Map.Entry<String, Object> v : r.values.entrySet()) {
                    String key = v.getKey();
                    if (!key.equals(MessageFields.SERVICE_NAME) && !key.equals(MessageFields.CLIENT_PID)) {
                        changes.put(v.getKey(), String.valueOf(v.getValue()));
                    }
                }
                return new ServiceConfigChanged(t, client, name, changes, by, record);
            }
            default:
                throw new IllegalStateException("kind " + e.kind());
        }
    }

    private static Optional<ScmEvent> unknown(EventRecord r, String reason) {
        byte[] payload = r.payload();
        PayloadScan scan = PayloadScan.of(payload);
        return Optional.of(new UnknownScmMessage(r.timestamp(), ClientProcess.unknown(), r.id(), r.providerId(),
                reason, payload, scan.strings(), scan.plausiblePids(), r));
    }

    private static void need(byte[] p, int pos, int n, FieldSpec f) throws ShapeException {
        if (p.length - pos < n) {
            throw new ShapeException(f + " at offset " + pos + " needs " + n + " byte(s) but " + (p.length - pos)
                    + " remain");
        }
    }

    /** The offset of the 2-byte NUL ending the UTF-16LE string at {@code pos}, or -1. */
    private static int nulAt(byte[] p, int pos) {
        for (int i = pos; i + 1 < p.length; i += 2) {
            if (p[i] == 0 && p[i + 1] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The string of code units {@code [pos, end)}, refusing unpaired surrogates. */
    private static String wellFormed(byte[] p, int pos, int end, String field) throws ShapeException {
        char[] chars = new char[(end - pos) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((p[pos + 2 * i] & 0xFF) | (p[pos + 2 * i + 1] & 0xFF) << 8);
        }
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ShapeException(field + " has an unpaired UTF-16 surrogate 0x" + Integer.toHexString(c)
                        + " at offset " + (pos + 2 * i));
            }
        }
        return new String(chars);
    }

    private static long le(byte[] p, int pos, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (p[pos + i] & 0xFF);
        }
        return v;
    }

    private static String hex(int id) {
        return String.format("0x%x", id);
    }
}
