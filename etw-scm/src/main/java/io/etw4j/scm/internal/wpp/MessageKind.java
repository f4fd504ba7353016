package io.etw4j.scm.internal.wpp;

import java.util.List;

/**
 * What an SCM WPP message reports, as a message-table entry names it, and the fields each kind needs to become a typed
 * event. The kinds mirror the svcctl operations of MS-SCMR (RCreateServiceW, ROpenServiceW, RStartServiceW,
 * RDeleteService, RControlService, RChangeServiceConfigW); which message number reports which one is data
 * ({@link MessageTable}), not code.
 */
public enum MessageKind {
    /** A service was created: gives {@code ServiceCreated}. */
    CREATE_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID),
            FieldSpec.utf16z(MessageFields.IMAGE_PATH))),
    /** A handle to a service was opened: gives {@code ServiceOpened}. */
    OPEN_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /** A service start was requested: gives {@code ServiceStarted}. */
    START_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /** A service was marked for deletion: gives {@code ServiceDeleted}. */
    DELETE_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID))),
    /** A control code was sent: gives {@code ServiceControlSent}. */
    CONTROL_SERVICE(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID),
            FieldSpec.u32(MessageFields.CONTROL_CODE))),
    /** A configuration change: gives {@code ServiceConfigChanged}; fields beyond the required ones are its changes. */
    CHANGE_CONFIG(List.of(FieldSpec.utf16z(MessageFields.SERVICE_NAME), FieldSpec.u32(MessageFields.CLIENT_PID)));

    private final List<FieldSpec> required;

    MessageKind(List<FieldSpec> required) {
        this.required = required;
    }

    /** The fields (name and type) an entry of this kind must declare, in any order. */
    public List<FieldSpec> requiredFields() {
        return required;
    }
}
