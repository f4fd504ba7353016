package io.etw4j.scm.calibration;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One service-control act a calibration run performed from its own process, with when it ran and what the Win32 call
 * returned: the timeline {@link ScmCalibration} explains the SCM WPP records by. Immutable and thread-safe.
 *
 * <p>The window of an act is {@code [start, end]} as measured by the caller around the API call (wall clock, the same
 * clock ETW stamps live records with); the calibration widens it by a slack ({@link ScmCalibration#DEFAULT_SLACK}).
 *
 * @param kind        which API was called
 * @param start       the wall-clock time just before the call
 * @param end         the wall-clock time just after it returned
 * @param resultCode  the call's Win32 result: 0 for success, else its GetLastError value
 * @param controlCode for {@link Kind#CONTROL}, the control code sent (winsvc.h SERVICE_CONTROL_*); empty otherwise
 */
public record CalibrationAct(Kind kind, Instant start, Instant end, int resultCode, OptionalInt controlCode) {
    /** The service-control APIs a calibration run calls (winsvc.h). */
    public enum Kind {
        /** CreateServiceW. */
        CREATE,
        /** ChangeServiceConfigW. */
        CHANGE_CONFIG,
        /** ChangeServiceConfig2W. */
        CHANGE_CONFIG2,
        /** StartServiceW. */
        START,
        /** ControlService. */
        CONTROL,
        /** DeleteService. */
        DELETE
    }

    /**
     * @param kind which API was called
     * @param start the wall-clock time just before the call
     * @param end the wall-clock time just after it returned
     * @param resultCode the call's Win32 result: 0 for success, else its GetLastError value
     * @param controlCode for {@link Kind#CONTROL}, the control code sent (winsvc.h SERVICE_CONTROL_*); empty otherwise
     * @throws IllegalArgumentException if {@code end} is before {@code start}, or a control code is given for another
     *                                  kind than {@link Kind#CONTROL}
     */
    public CalibrationAct {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(controlCode, "controlCode");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("act " + kind + " ends (" + end + ") before it starts (" + start + ")");
        }
        if (controlCode.isPresent() && kind != Kind.CONTROL) {
            throw new IllegalArgumentException("only a CONTROL act has a control code, not " + kind);
        }
    }

    /**
     * {@return an act other than {@link Kind#CONTROL}}
     *
     * @param kind what the act did
     * @param start when the act's call started
     * @param end when the act's call returned
     * @param resultCode the Win32 result of the call (0 for success)
     */
    public static CalibrationAct of(Kind kind, Instant start, Instant end, int resultCode) {
        return new CalibrationAct(kind, start, end, resultCode, OptionalInt.empty());
    }

    /**
     * {@return a {@link Kind#CONTROL} act that sent {@code controlCode}}
     *
     * @param start when the act's call started
     * @param end when the act's call returned
     * @param resultCode the Win32 result of the call (0 for success)
     * @param controlCode the control code sent (SERVICE_CONTROL_*, winsvc.h)
     */
    public static CalibrationAct control(Instant start, Instant end, int resultCode, int controlCode) {
        return new CalibrationAct(Kind.CONTROL, start, end, resultCode, OptionalInt.of(controlCode));
    }
}
