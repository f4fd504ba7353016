package io.etw4j.scm.calibration;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.internal.calibration.CalibrationEngine;
import io.etw4j.scm.internal.calibration.CalibrationSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Learns the SCM WPP message table of the Windows build at hand from a calibration run: a process that traced the
 * "Service Control Manager Trace" provider ({@value ScmProviders#SCM_WPP_CONTROL_GUID_TEXT}) while it created,
 * reconfigured, started, controlled and deleted a uniquely named throwaway service itself, and noted when each act
 * ran ({@link CalibrationAct}). Because the run knows its own PID, the service name, the binary path and each call's
 * result, it can tell what the fields of the records those acts caused are, and pin the layouts to the message GUIDs
 * of this build (which no public source gives). The {@code scm-calibrate} sample runs such a run; this class is the
 * part that needs no Windows.
 *
 * <p><b>What is learned.</b> A WPP record is learned when it lies in exactly one act's window (widened by
 * {@link Builder#slack(Duration) the slack}, default {@link #DEFAULT_SLACK}; a record inside one window itself wins
 * over windows it reaches only through the slack) and its payload holds the service name as a NUL-terminated
 * UTF-16LE string. Its layout is the shipped table's layout for its number if exactly one of those fits the payload
 * exactly and agrees with the run's facts; otherwise it is inferred by reading the payload left to right: the service
 * name, the run's PID ({@code clientPid}), other NUL-terminated strings ({@code clientSid} for a string SID,
 * {@code imagePath} for the binary path given, else {@code text1}, ...), 4-byte values ({@code wowType} for a create's
 * 0 or IMAGE_FILE_MACHINE_* value, {@code controlCode} for the control sent, {@code error} for the act's result code,
 * {@code serviceExitCode} after a start's error, else {@code value1}, ...), and after the PID of a control message a
 * pointer ({@code ptr context}) and 8-byte integers ({@code u64 sequence}). Inferred names are labelled inferred in
 * the report. The kind follows from the act and the fields: CREATE with the PID gives CREATE_SERVICE, START with the
 * PID START_SERVICE, with an error and exit code START_RESULT, with a SID START_CLIENT_SID, CHANGE_CONFIG and
 * CHANGE_CONFIG2 with the PID CHANGE_CONFIG, CONTROL with PID and control code CONTROL_SERVICE, DELETE with the PID
 * DELETE_SERVICE; any other record naming the service is a DIAGNOSTIC entry.
 *
 * <p><b>What is not learned</b> (but reported, {@link CalibrationResult.Report#unexplained()}): records that carry
 * the run's PID or the service name outside every act window or inside several; records of an act that hold the
 * service name next to a plausible PID that is not the run's (another process); payloads that cannot be read as the
 * layout inferred; and records of the same message GUID and number that were read with different layouts (both are
 * dropped: one call site logs one layout).
 *
 * <p>Immutable and thread-safe; {@link #calibrate(Iterable)} never throws for odd records (each becomes a report
 * line).
 *
 * <pre>{@code
 * CalibrationResult r = ScmCalibration.builder(pid, "etw4j-calib-1a2b")
 *         .imagePath("C:\\Windows\\System32\\cmd.exe /c exit 0")
 *         .windowsBuild("10.0.22631.4037")
 *         .acts(timeline)
 *         .build()
 *         .calibrate(records);
 * Files.writeString(Path.of("scm-table.properties"), r.tableText());
 * ScmMonitor.builder().messageTable(Path.of("scm-table.properties")).create();
 * }</pre>
 */
public final class ScmCalibration {
    /**
     * How far outside an act's [start, end] a record may lie and still belong to it: 500 ms. The acts are timed with
     * the JVM's wall clock and the records with ETW's, which on a live session is the same system clock but converted
     * from QPC ticks, and services.exe may log a message a moment after the RPC returned (inferred margins); a
     * calibration run leaves more than twice the slack between acts, so windows do not overlap.
     */
    public static final Duration DEFAULT_SLACK = Duration.ofMillis(500);

    private final CalibrationSpec spec;

    private ScmCalibration(CalibrationSpec spec) {
        this.spec = spec;
    }

    /**
     * {@return a builder for the calibration of a run made by process {@code clientPid} with the service {@code
     * serviceName}}
     *
     * @param clientPid the PID of the process that made the calibration run
     * @param serviceName the name of the throwaway service the run used
     * @throws IllegalArgumentException if the PID is not positive or the name is empty
     */
    public static Builder builder(long clientPid, String serviceName) {
        return new Builder(clientPid, serviceName);
    }

    /**
     * Learns from {@code records}: the records of the run in any order (records other than WPP trace messages are
     * counted and ignored). Never throws for a record's content.
     *
     * @param records the records traced during the run
     * @return the learned table and the report
     */
    public CalibrationResult calibrate(Iterable<EventRecord> records) {
        Objects.requireNonNull(records, "records");
        return new CalibrationEngine(spec).run(records);
    }

    /** {@return the acts of the run, in timeline order} */
    public List<CalibrationAct> acts() {
        return spec.acts();
    }

    /** Options of a calibration. Not thread-safe; build on one thread. */
    public static final class Builder {
        private final long clientPid;
        private final String serviceName;
        private String imagePath;
        private String windowsBuild = "unknown";
        private LocalDate date;
        private Duration slack = DEFAULT_SLACK;
        private final List<CalibrationAct> acts = new ArrayList<>();

        private Builder(long clientPid, String serviceName) {
            if (clientPid <= 0 || clientPid > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("clientPid must be a positive 32-bit process id: " + clientPid);
            }
            Objects.requireNonNull(serviceName, "serviceName");
            if (serviceName.isEmpty()) {
                throw new IllegalArgumentException("serviceName is empty");
            }
            this.clientPid = clientPid;
            this.serviceName = serviceName;
        }

        /**
         * The binary path the run gave CreateService (so that a string equal to it is named imagePath).
         *
         * @param path the binary path the run gave the service
         * @return this builder
         */
        public Builder imagePath(String path) {
            this.imagePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The Windows build the run was made on, as written in the table's source column; default "unknown".
         *
         * @param build the Windows build, as the report names it
         * @return this builder
         */
        public Builder windowsBuild(String build) {
            Objects.requireNonNull(build, "build");
            this.windowsBuild = build.isBlank() ? "unknown" : build.strip();
            return this;
        }

        /**
         * The day written in the table's source column; default today (UTC).
         *
         * @param day the date of the run
         * @return this builder
         */
        public Builder date(LocalDate day) {
            this.date = Objects.requireNonNull(day, "day");
            return this;
        }

        /**
         * How far outside an act's window a record may lie; default {@link #DEFAULT_SLACK}.
         *
         * @param s the slack
         * @return this builder
         */
        public Builder slack(Duration s) {
            Objects.requireNonNull(s, "s");
            if (s.isNegative()) {
                throw new IllegalArgumentException("slack must not be negative: " + s);
            }
            this.slack = s;
            return this;
        }

        /**
         * Appends one act to the timeline.
         *
         * @param act the act to add
         * @return this builder
         */
        public Builder act(CalibrationAct act) {
            acts.add(Objects.requireNonNull(act, "act"));
            return this;
        }

        /**
         * Appends acts to the timeline.
         *
         * @param list the acts to add
         * @return this builder
         */
        public Builder acts(List<CalibrationAct> list) {
            list.forEach(this::act);
            return this;
        }

        /** {@return the calibration} */
        public ScmCalibration build() {
            return new ScmCalibration(new CalibrationSpec(clientPid, serviceName, Optional.ofNullable(imagePath),
                    windowsBuild, date != null ? date : LocalDate.now(ZoneOffset.UTC), slack, acts));
        }
    }
}
