package io.etw4j.scm.internal.calibration;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.calibration.CalibrationAct;
import io.etw4j.scm.calibration.CalibrationResult.RecordStatus;
import io.etw4j.scm.calibration.CalibrationResult;
import io.etw4j.scm.calibration.ScmMessageKind;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The calibration itself (see {@link io.etw4j.scm.calibration.ScmCalibration} for what is and is not learned): assigns each SCM
 * WPP record to the act whose window holds it, reads its layout ({@link LayoutInference}), drops conflicting layouts,
 * and writes the table text and the report. One instance per run; not thread-safe. Never throws for a record's
 * content: a record whose handling fails is reported as NOT_LEARNED with the failure.
 */
public final class CalibrationEngine {
    static final RecordStatus LEARNED = RecordStatus.LEARNED;
    static final RecordStatus UNRELATED = RecordStatus.UNRELATED;
    static final RecordStatus OUTSIDE_ACTS = RecordStatus.OUTSIDE_ACTS;
    static final RecordStatus AMBIGUOUS = RecordStatus.AMBIGUOUS;
    static final RecordStatus NOT_LEARNED = RecordStatus.NOT_LEARNED;

    private final CalibrationSpec spec;
    private final LayoutInference inference;

    public CalibrationEngine(CalibrationSpec spec) {
        this.spec = spec;
        this.inference = new LayoutInference(spec, MessageTable.defaults());
    }

    /** One WPP record and what the run made of it. */
    private static final class Seen {
        final int index;
        final EventRecord record;
        RecordStatus status;
        Integer act;
        InferredLayout layout;
        String reason;

        Seen(int index, EventRecord record) {
            this.index = index;
            this.record = record;
        }

        String key() {
            return record.providerId() + " " + record.id();
        }
    }

    /** Runs the calibration over {@code records}. */
    public CalibrationResult run(Iterable<EventRecord> records) {
        List<Seen> seen = new ArrayList<>();
        long others = 0;
        for (EventRecord r : records) {
            if (r == null || !ScmWppDecoder.isWpp(r)) {
                others++;
                continue;
            }
            Seen s = new Seen(seen.size(), r);
            try {
                classify(s);
            } catch (RuntimeException e) {
                s.status = NOT_LEARNED;
                s.layout = null;
                s.reason = "could not be read: " + e;
            }
            seen.add(s);
        }
        dropConflicts(seen);
        return result(seen, others);
    }

    private void classify(Seen s) {
        byte[] p = s.record.payload();
        boolean named = LayoutInference.contains(p, LayoutInference.utf16z(spec.serviceName()));
        boolean ownPid = LayoutInference.containsU32(p, spec.clientPid());
        if (!named && !ownPid) {
            s.status = UNRELATED;
            s.reason = "holds neither the service name nor this process's PID";
            return;
        }
        List<Integer> acts = actsOf(s.record.timestamp());
        String what = named ? "names the service" : "carries this process's PID " + spec.clientPid();
        if (acts.isEmpty()) {
            s.status = OUTSIDE_ACTS;
            s.reason = what + " but lies outside every act window (slack " + spec.slack().toMillis() + " ms)";
            return;
        }
        if (acts.size() > 1) {
            s.status = AMBIGUOUS;
            s.reason = what + " but lies in the windows of several acts " + acts.stream().map(this::actName).toList();
            return;
        }
        s.act = acts.get(0);
        if (!named) {
            s.status = NOT_LEARNED;
            s.reason = "carries this process's PID " + spec.clientPid() + " but not the service name";
            return;
        }
        LayoutInference.Outcome o = inference.read(s.record.id(), s.record.providerId(), p, s.record.pointerSize(),
                spec.acts().get(s.act));
        s.reason = o.reason();
        if (o.layout().isPresent()) {
            s.status = LEARNED;
            s.layout = o.layout().get();
        } else {
            s.status = NOT_LEARNED;
        }
    }

    /**
     * The acts whose window holds {@code t}: those whose own [start, end] holds it if any, else those whose window
     * widened by the slack does.
     */
    private List<Integer> actsOf(Instant t) {
        List<Integer> strict = new ArrayList<>();
        List<Integer> slack = new ArrayList<>();
        for (int i = 0; i < spec.acts().size(); i++) {
            CalibrationAct a = spec.acts().get(i);
            if (!t.isBefore(a.start()) && !t.isAfter(a.end())) {
                strict.add(i);
            }
            if (!t.isBefore(a.start().minus(spec.slack())) && !t.isAfter(a.end().plus(spec.slack()))) {
                slack.add(i);
            }
        }
        return strict.isEmpty() ? slack : strict;
    }

    /** Records of one GUID and number read with different layouts: none of them is learned. */
    private static void dropConflicts(List<Seen> seen) {
        Map<String, List<Seen>> byKey = new LinkedHashMap<>();
        for (Seen s : seen) {
            if (LEARNED.equals(s.status)) {
                byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
            }
        }
        for (List<Seen> group : byKey.values()) {
            List<String> layouts = group.stream().map(s -> s.layout.layoutText()).distinct().toList();
            if (layouts.size() > 1) {
                for (Seen s : group) {
                    s.status = NOT_LEARNED;
                    s.reason = "its message GUID and number were read with " + layouts.size() + " layouts in this run "
                            + layouts + "; one call site logs one layout, so none is learned";
                }
            }
        }
    }

    private CalibrationResult result(List<Seen> seen, long others) {
        String source = "scm-calibrate on Windows " + oneLine(spec.windowsBuild()) + " (" + spec.date() + ")";
        // learned entries, one per GUID and number, ordered by GUID then number
        Map<String, List<Seen>> byKey = new TreeMap<>();
        for (Seen s : seen) {
            if (LEARNED.equals(s.status)) {
                byKey.computeIfAbsent(String.format("%s %05d", s.record.providerId(), s.record.id()),
                        k -> new ArrayList<>()).add(s);
            }
        }
        List<CalibrationResult.LearnedEntry> learned = new ArrayList<>();
        Map<String, UUID> fileGuids = new TreeMap<>();
        Map<String, Integer> fileConflicts = new HashMap<>();
        for (List<Seen> group : byKey.values()) {
            Seen first = group.get(0);
            InferredLayout l = first.layout;
            UUID guid = first.record.providerId();
            String id = hex(first.record.id());
            String line = id + "@{" + guid + "} = " + l.layoutText() + " | capture | " + source;
            learned.add(new CalibrationResult.LearnedEntry(first.record.id(), id, guid, kind(l),
                    l.fieldsText(), spec.acts().get(first.act).kind(), l.origin(), group.size(), line));
            l.file().ifPresent(f -> {
                UUID earlier = fileGuids.putIfAbsent(f, guid);
                if (earlier != null && !earlier.equals(guid)) {
                    fileConflicts.merge(f, 1, Integer::sum);
                }
            });
        }
        fileConflicts.keySet().forEach(fileGuids::remove);
        // a GUID of two files names neither
        Map<UUID, Integer> filesPerGuid = new HashMap<>();
        fileGuids.values().forEach(g -> filesPerGuid.merge(g, 1, Integer::sum));
        fileGuids.values().removeIf(g -> filesPerGuid.get(g) > 1);

        StringBuilder table = new StringBuilder();
        table.append("# etw4j SCM WPP message table learned by ").append(source).append('\n');
        table.append("# Calibration run: client PID ").append(spec.clientPid()).append(", service ")
                .append(oneLine(spec.serviceName())).append(", ").append(spec.acts().size()).append(" acts, ")
                .append(seen.size()).append(" SCM WPP records, ").append(learned.size()).append(" entries learned.\n");
        table.append("# Each entry is pinned to the message GUID its records came with (evidence: capture). Syntax: the\n"
                + "# header of etw-scm's io/etw4j/scm/scm-wpp-messages.properties. Use it with\n"
                + "# ScmMonitor.builder().messageTable(path), scm-monitor --message-table FILE or -D"
                + MessageTable.SYSTEM_PROPERTY + "=FILE.\n");
        table.append("# Provider: Service Control Manager Trace ").append(ScmProviders.SCM_WPP_CONTROL_GUID_TEXT)
                .append(".\n");
        if (!fileGuids.isEmpty()) {
            table.append("\n# services.exe source files whose shipped layouts fitted records of these GUIDs\n");
            fileGuids.forEach((f, g) -> table.append("file ").append(f).append(" = {").append(g).append("}\n"));
        }
        table.append('\n');
        for (CalibrationResult.LearnedEntry e : learned) {
            table.append("# ").append(e.act()).append(", ").append(e.records()).append(" record(s), layout ")
                    .append(e.origin()).append('\n');
            table.append(e.tableLine()).append('\n');
        }

        List<CalibrationResult.RecordReport> reports = new ArrayList<>();
        List<CalibrationResult.RecordReport> unexplained = new ArrayList<>();
        HexFormat hexFormat = HexFormat.of();
        for (Seen s : seen) {
            EventRecord r = s.record;
            CalibrationResult.RecordReport rr = new CalibrationResult.RecordReport(s.index, r.timestamp(),
                    r.providerId(), hex(r.id()), r.processId(), r.threadId(), r.pointerSize(),
                    hexFormat.formatHex(r.payload()), s.status, s.act == null ? null : actName(s.act),
                    s.layout == null ? null : s.layout.layoutText(), s.reason);
            reports.add(rr);
            if (!LEARNED.equals(s.status) && !UNRELATED.equals(s.status)) {
                unexplained.add(rr);
            }
        }
        List<CalibrationResult.ActReport> acts = new ArrayList<>();
        List<CalibrationResult.ActRef> silent = new ArrayList<>();
        for (int i = 0; i < spec.acts().size(); i++) {
            CalibrationAct a = spec.acts().get(i);
            Map<String, CalibrationResult.LayoutSeen> layouts = new LinkedHashMap<>();
            int count = 0;
            for (Seen s : seen) {
                if (LEARNED.equals(s.status) && s.act == i) {
                    count++;
                    String id = hex(s.record.id());
                    layouts.putIfAbsent(id + "@" + s.record.providerId(), new CalibrationResult.LayoutSeen(id,
                            s.record.providerId(), kind(s.layout), s.layout.fieldsText(),
                            s.layout.origin()));
                }
            }
            if (count == 0) {
                silent.add(actName(i));
            }
            acts.add(new CalibrationResult.ActReport(i, a.kind(), a.start(), a.end(),
                    a.resultCode(), a.controlCode().isPresent() ? a.controlCode().getAsInt() : null, count,
                    List.copyOf(layouts.values())));
        }
        Map<String, UUID> files = new TreeMap<>(fileGuids);
        learned.sort(Comparator.comparing(CalibrationResult.LearnedEntry::messageGuid)
                .thenComparingInt(CalibrationResult.LearnedEntry::messageNumber));
        CalibrationResult.Report report = new CalibrationResult.Report(spec.windowsBuild(), spec.date(),
                spec.clientPid(), spec.serviceName(), spec.imagePath().orElse(null), spec.slack().toMillis(), acts,
                reports, unexplained, silent, files, others);
        return new CalibrationResult(learned, table.toString(), report);
    }

    /** The public kind of an inferred layout: the internal kind of the same name. */
    private static ScmMessageKind kind(InferredLayout l) {
        return ScmMessageKind.valueOf(l.kind().name());
    }

    private CalibrationResult.ActRef actName(int i) {
        return new CalibrationResult.ActRef(i, spec.acts().get(i).kind());
    }

    private static String hex(int id) {
        return String.format("0x%02x", id);
    }

    /** {@code s} on one line without '|' (the table's column separator) or '#'. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? ' ' : c == '|' ? '/' : c);
        }
        return b.toString().strip();
    }
}
