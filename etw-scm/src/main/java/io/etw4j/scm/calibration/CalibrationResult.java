package io.etw4j.scm.calibration;

import io.etw4j.scm.ScmMonitorBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@link ScmCalibration} learned from one calibration run: the message-table entries (number, message GUID,
 * layout, kind) of the SCM WPP records the run's own acts caused, the same as a table text loadable with
 * {@link ScmMonitorBuilder#messageTable(java.nio.file.Path)}, and a report of everything seen. Immutable and
 * thread-safe.
 *
 * <p>Its values are typed: message GUIDs are {@link UUID}s, times {@link Instant}s, the day a {@link LocalDate}, kinds
 * and statuses enums. Absent values are {@code null} (no {@code Optional}), so that a JSON library that reads records
 * (Jackson 2.12 or later) writes it with one serializer for {@code Instant} and {@code LocalDate} (their
 * {@code toString()}, ISO-8601), as the {@code scm-calibrate} sample does.
 *
 * @param learned   the entries learned, ordered by message GUID and number
 * @param tableText the entries as a message table (syntax: the header of the shipped
 *                  {@code io/etw4j/scm/scm-wpp-messages.properties}), pinned to the message GUIDs seen, evidence
 *                  {@code capture}
 * @param report    the run, its acts, every record and why each was or was not learned
 */
public record CalibrationResult(List<LearnedEntry> learned, String tableText, Report report) {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param learned the entries learned, ordered by message GUID and number
     * @param tableText the entries as a message table (syntax: the header of the shipped {@code
     *        io/etw4j/scm/scm-wpp-messages.properties}), pinned to the message GUIDs seen, evidence {@code capture}
     * @param report the run, its acts, every record and why each was or was not learned
     */
    public CalibrationResult {
        learned = List.copyOf(learned);
        Objects.requireNonNull(tableText, "tableText");
        Objects.requireNonNull(report, "report");
    }

    /**
     * {@return true if some learned entry has kind {@code kind}}
     *
     * @param kind a message kind, such as {@link ScmMessageKind#CREATE_SERVICE}
     */
    public boolean learnedKind(ScmMessageKind kind) {
        Objects.requireNonNull(kind, "kind");
        return learned.stream().anyMatch(e -> e.kind() == kind);
    }

    /**
     * One learned table entry.
     *
     * @param messageNumber the WPP message number (the record's event id)
     * @param messageId     the same as written in a table, {@code 0x28}
     * @param messageGuid   the record's message GUID (its provider id)
     * @param kind          the message kind
     * @param fields        the layout's fields as written in a table: {@code utf16z serviceName, u32 clientPid}
     * @param act           the kind of the act whose window held its records
     * @param origin        {@code inferred} (from the payload and the run's facts) or {@code shipped layout ...} (the
     *                      shipped table's layout for the number, which fitted the record exactly)
     * @param records       how many records of the run it explains
     * @param tableLine     the entry's line in {@link CalibrationResult#tableText()}
     */
    public record LearnedEntry(int messageNumber, String messageId, UUID messageGuid, ScmMessageKind kind,
            String fields, CalibrationAct.Kind act, String origin, int records, String tableLine) {
    }

    /**
     * The report of a run.
     *
     * @param windowsBuild   the Windows build the caller named
     * @param date           the day the report was made
     * @param clientPid      the calibrating process's id
     * @param serviceName    the throwaway service's name
     * @param imagePath      the binary path given to CreateService, or null
     * @param slackMillis    how far outside an act's window a record may lie and still be its act's
     * @param acts           the acts in timeline order, with the layouts each caused
     * @param records        every SCM WPP record given, in the order given
     * @param unexplained    the records that carry the run's PID or service name but were not learned (outside
     *                       every act window, in several, of an unknown shape, conflicting, or naming another PID)
     * @param actsThatLoggedNothing the acts no learned record belongs to
     * @param fileGuids      services.exe source files (hash of their WPP symbol) to the message GUID the run showed,
     *                       because a shipped layout tagged with the file fitted a record
     * @param otherRecords   records given that are not WPP records (ignored)
     */
    public record Report(String windowsBuild, LocalDate date, long clientPid, String serviceName, String imagePath,
            long slackMillis, List<ActReport> acts, List<RecordReport> records, List<RecordReport> unexplained,
            List<ActRef> actsThatLoggedNothing, Map<String, UUID> fileGuids, long otherRecords) {
        /**
         * Creates the record (the canonical constructor).
         *
         * @param windowsBuild the Windows build the caller named
         * @param date the day the report was made
         * @param clientPid the calibrating process's id
         * @param serviceName the throwaway service's name
         * @param imagePath the binary path given to CreateService, or null
         * @param slackMillis how far outside an act's window a record may lie and still be its act's
         * @param acts the acts in timeline order, with the layouts each caused
         * @param records every SCM WPP record given, in the order given
         * @param unexplained the records that carry the run's PID or service name but were not learned (outside every
         *        act window, in several, of an unknown shape, conflicting, or naming another PID)
         * @param actsThatLoggedNothing the acts no learned record belongs to
         * @param fileGuids services.exe source files (hash of their WPP symbol) to the message GUID the run showed,
         *        because a shipped layout tagged with the file fitted a record
         * @param otherRecords records given that are not WPP records (ignored)
         */
        public Report {
            Objects.requireNonNull(date, "date");
            acts = List.copyOf(acts);
            records = List.copyOf(records);
            unexplained = List.copyOf(unexplained);
            actsThatLoggedNothing = List.copyOf(actsThatLoggedNothing);
            fileGuids = Map.copyOf(fileGuids);
        }
    }

    /**
     * One act of the run and what it caused.
     *
     * @param index       its position in the timeline (0-based)
     * @param kind        which API the act called
     * @param start       when it started
     * @param end         when it ended
     * @param resultCode  the API's Win32 result (0 success)
     * @param controlCode the control sent (CONTROL), else null
     * @param records     how many learned records lie in its window
     * @param layouts     the distinct layouts of those records
     */
    public record ActReport(int index, CalibrationAct.Kind kind, Instant start, Instant end, int resultCode,
            Integer controlCode,
            int records, List<LayoutSeen> layouts) {
        /**
         * Creates the record (the canonical constructor).
         *
         * @param index its position in the timeline (0-based)
         * @param kind which API the act called
         * @param start when it started
         * @param end when it ended
         * @param resultCode the API's Win32 result (0 success)
         * @param controlCode the control sent (CONTROL), else null
         * @param records how many learned records lie in its window
         * @param layouts the distinct layouts of those records
         */
        public ActReport {
            layouts = List.copyOf(layouts);
        }
    }

    /**
     * A layout an act caused.
     *
     * @param messageId   {@code 0x28}
     * @param messageGuid the message GUID
     * @param kind        the message kind
     * @param fields      the fields as written in a table
     * @param origin      {@code inferred} or {@code shipped layout ...}
     */
    public record LayoutSeen(String messageId, UUID messageGuid, ScmMessageKind kind, String fields, String origin) {
    }

    /**
     * One SCM WPP record of the run.
     *
     * @param index         its position among the WPP records given (0-based)
     * @param timestamp     when services.exe logged it
     * @param messageGuid   its message GUID (provider id)
     * @param messageId     its message number as written in a table ({@code 0x28})
     * @param processId     the header's process id (services.exe)
     * @param threadId      the header's thread id
     * @param pointerSize   4 or 8: the logging process's pointer size
     * @param payloadHex    the whole payload, lower-case hex without separators
     * @param status        whether it was learned, and if not, why not in one word
     * @param act           the act whose window holds it, or null
     * @param fields        the layout it was read with, or null
     * @param reason        why it has its status
     */
    public record RecordReport(int index, Instant timestamp, UUID messageGuid, String messageId, int processId,
            int threadId, int pointerSize, String payloadHex, RecordStatus status, ActRef act, String fields,
            String reason) {
    }

    /**
     * One act of the run, by its position in the timeline and its kind.
     *
     * @param index its position in the timeline (0-based)
     * @param kind  which API it called
     */
    public record ActRef(int index, CalibrationAct.Kind kind) {
        /**
         * Creates the reference (the canonical constructor).
         *
         * @param index its position in the timeline (0-based)
         * @param kind which API it called
         */
        public ActRef {
            Objects.requireNonNull(kind, "kind");
        }

        /** For reports and logs: index and kind, e.g. {@code 2 CHANGE_CONFIG2}. */
        @Override
        public String toString() {
            return index + " " + kind;
        }
    }

    /** What became of one SCM WPP record of a calibration run. */
    public enum RecordStatus {
        /** It explains a table entry. */
        LEARNED,
        /** It carries neither the run's PID nor its service name: another process's act. */
        UNRELATED,
        /** It carries the run's PID or service name but lies outside every act window. */
        OUTSIDE_ACTS,
        /** It lies in several act windows. */
        AMBIGUOUS,
        /** It belongs to an act but could not be learned (shape, conflict, another PID): the reason says why. */
        NOT_LEARNED
    }
}
