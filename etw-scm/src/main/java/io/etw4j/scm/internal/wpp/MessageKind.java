package io.etw4j.scm.internal.wpp;

import java.util.List;

/**
 * What an SCM WPP message reports, as a message-table entry names it, and the fields each kind needs to become a typed
 * event. The kinds mirror the svcctl operations of MS-SCMR (RCreateServiceW, ROpenServiceW, RStartServiceW,
 * RDeleteService, RControlService, RChangeServiceConfigW); which message number reports which one is data
 * ({@link MessageTable}), not code.
 */
public enum MessageKind {
    /**
     * A service creation was requested (logged by ScCreateServiceRpc before it creates): gives {@code ServiceCreated}.
     * Optional fields: {@code imagePath} (the build of the published article (anquanke.com, post 241806)), {@code wowType} (current builds).
     */
    CREATE_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /**
     * A creation was refused before it was attempted (a bad WOW type): gives {@code ServiceCreateRefused}; the client
     * is the one the create request on the same thread named.
     */
    CREATE_REFUSED(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.WOW_TYPE),
            FieldSpec.u32(MessageFields.ERROR))),
    /** A handle to a service was opened: gives {@code ServiceOpened}. */
    OPEN_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /** A service start was requested: gives {@code ServiceStarted}. */
    START_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /**
     * The outcome of a start request (the SCM's error and the service's exit code): gives {@code ServiceStartResult};
     * the client is the one the start request on the same thread named.
     */
    START_RESULT(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.ERROR),
            FieldSpec.u32(MessageFields.SERVICE_EXIT_CODE))),
    /**
     * The user SID of the client of a successful start (logged only when the start succeeded with exit code 0): merged
     * into the {@code ServiceStartResult} of the same request, or one of its own.
     */
    START_CLIENT_SID(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.utf16z(MessageFields.CLIENT_SID))),
    /** A service was marked for deletion (optional field {@code error}): gives {@code ServiceDeleted}. */
    DELETE_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /** A control code was sent: gives {@code ServiceControlSent}. */
    CONTROL_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID),
            FieldSpec.u32(MessageFields.CONTROL_CODE))),
    /** A configuration change: gives {@code ServiceConfigChanged}; fields beyond the required ones are its changes. */
    CHANGE_CONFIG(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /**
     * A message whose layout is known but that reports no act etw4j types (an argument check, a diagnostic). It never
     * gives a typed event; it is listed so that a record of its number and shape is recognised as such and not
     * mistaken for an act with the same number from another source file.
     */
    DIAGNOSTIC(List.of());

    private final List<FieldSpec> required;

    MessageKind(List<FieldSpec> required) {
        this.required = required;
    }

    /** The fields (name and type) an entry of this kind must declare, in any order. */
    public List<FieldSpec> requiredFields() {
        return required;
    }

    /** True if a record of this kind can become a typed event. */
    public boolean isAct() {
        return this != DIAGNOSTIC;
    }
}
