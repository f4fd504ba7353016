package io.etw4j.scm.calibration;

/**
 * What an SCM WPP message reports, as a message-table entry names it (the kind column of a table line such as
 * {@code 0x28 = CREATE_SERVICE: utf16z serviceName, u32 clientPid}), and so what a {@link CalibrationResult} learned a
 * message to be. The kinds mirror the svcctl operations of the Microsoft protocol document "[MS-SCMR]: Service
 * Control Manager Remote Protocol" (RCreateServiceW, ROpenServiceW, RStartServiceW, RDeleteService, RControlService,
 * RChangeServiceConfigW); which message number reports which one is data (the message table), not code. The names are
 * those of the table syntax, so {@code name()} is what a table line says. Immutable.
 */
public enum ScmMessageKind {
    /** A service creation was requested (logged by ScCreateServiceRpc before it creates). */
    CREATE_SERVICE,
    /** A creation was refused before it was attempted (a bad WOW type). */
    CREATE_REFUSED,
    /** A handle to a service was opened. */
    OPEN_SERVICE,
    /** A service start was requested. */
    START_SERVICE,
    /** The outcome of a start request (the SCM's error and the service's exit code). */
    START_RESULT,
    /** The user SID of the client of a successful start. */
    START_CLIENT_SID,
    /** A service was marked for deletion. */
    DELETE_SERVICE,
    /** A control code was sent. */
    CONTROL_SERVICE,
    /** A configuration change. */
    CHANGE_CONFIG,
    /** A message whose layout is known but that reports no act etw4j types (an argument check, a diagnostic). */
    DIAGNOSTIC
}
