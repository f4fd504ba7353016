package io.etw4j.scm.internal.rpc;

import java.util.Optional;
import java.util.UUID;

/**
 * The svcctl procedures whose client calls can corroborate an SCM act, by opnum, with the kind of act each asks for.
 *
 * <p>Source: the Microsoft protocol document "[MS-SCMR]: Service Control Manager Remote Protocol", section 3.1.4
 * "Message Processing Events and Sequencing Rules" (the opnum table of interface svcctl); the interface UUID
 * {@code 367ABB81-9844-35F1-AD32-98F038001003} from the same document (section 2.1 "Transport"). Other svcctl
 * opnums (opening handles, queries, enumerations) are not acts and are not kept.
 */
public enum SvcctlOperation {
    /** Opnum 1. */
    R_CONTROL_SERVICE(1, "RControlService", Act.CONTROL),
    /** Opnum 2. */
    R_DELETE_SERVICE(2, "RDeleteService", Act.DELETE),
    /** Opnum 11. */
    R_CHANGE_SERVICE_CONFIG_W(11, "RChangeServiceConfigW", Act.CONFIG_CHANGE),
    /** Opnum 12. */
    R_CREATE_SERVICE_W(12, "RCreateServiceW", Act.CREATE),
    /** Opnum 19. */
    R_START_SERVICE_W(19, "RStartServiceW", Act.START),
    /** Opnum 23. */
    R_CHANGE_SERVICE_CONFIG_A(23, "RChangeServiceConfigA", Act.CONFIG_CHANGE),
    /** Opnum 24. */
    R_CREATE_SERVICE_A(24, "RCreateServiceA", Act.CREATE),
    /** Opnum 31. */
    R_START_SERVICE_A(31, "RStartServiceA", Act.START),
    /** Opnum 36. */
    R_CHANGE_SERVICE_CONFIG2_A(36, "RChangeServiceConfig2A", Act.CONFIG_CHANGE),
    /** Opnum 37. */
    R_CHANGE_SERVICE_CONFIG2_W(37, "RChangeServiceConfig2W", Act.CONFIG_CHANGE),
    /** Opnum 44. */
    R_CREATE_SERVICE_WOW64_A(44, "RCreateServiceWOW64A", Act.CREATE),
    /** Opnum 45. */
    R_CREATE_SERVICE_WOW64_W(45, "RCreateServiceWOW64W", Act.CREATE),
    /** Opnum 50. */
    R_CONTROL_SERVICE_EX_A(50, "RControlServiceExA", Act.CONTROL),
    /** Opnum 51. */
    R_CONTROL_SERVICE_EX_W(51, "RControlServiceExW", Act.CONTROL),
    /** Opnum 60. */
    R_CREATE_WOW_SERVICE(60, "RCreateWowService", Act.CREATE);

    /** The svcctl interface UUID ([MS-SCMR] 2.1). */
    public static final UUID SVCCTL_INTERFACE = UUID.fromString("367abb81-9844-35f1-ad32-98f038001003");

    /** The kind of SCM act a procedure asks for; an act event of the same kind is a join candidate. */
    public enum Act {
        /** ServiceCreated. */
        CREATE,
        /** ServiceStarted. */
        START,
        /** ServiceConfigChanged. */
        CONFIG_CHANGE,
        /** ServiceDeleted. */
        DELETE,
        /** ServiceControlSent. */
        CONTROL
    }

    private static final SvcctlOperation[] BY_OPNUM = new SvcctlOperation[64];

    static {
        for (SvcctlOperation o : values()) {
            BY_OPNUM[o.opnum] = o;
        }
    }

    private final int opnum;
    private final String procedure;
    private final Act act;

    SvcctlOperation(int opnum, String procedure, Act act) {
        this.opnum = opnum;
        this.procedure = procedure;
        this.act = act;
    }

    /** {@return the opnum} */
    public int opnum() {
        return opnum;
    }

    /** {@return the procedure's name in MS-SCMR} */
    public String procedure() {
        return procedure;
    }

    /** {@return the kind of act it asks for} */
    public Act act() {
        return act;
    }

    /** {@return the operation of svcctl opnum {@code opnum}, empty for an opnum that is not an act} */
    public static Optional<SvcctlOperation> of(long opnum) {
        return opnum >= 0 && opnum < BY_OPNUM.length ? Optional.ofNullable(BY_OPNUM[(int) opnum]) : Optional.empty();
    }
}
