package io.etw4j.json.internal;

import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;

/**
 * What an SCM event is in ECS and OCSF terms: the ECS {@code event.action}, {@code event.category} and
 * {@code event.type} (values from ECS's allowed values, ecs_flat.yml), and the OCSF class and activity. The choice per
 * event, and why:
 *
 * <ul>
 *   <li>service created / refused, config changed, deleted: ECS {@code configuration} + {@code creation} /
 *       {@code change} / {@code deletion}; OCSF Application Lifecycle (6002) Install / Update / Remove: a service is an
 *       application the SCM installs, starts, stops, updates and removes.</li>
 *   <li>start requested, start result: ECS {@code process} + {@code start} (a service start starts its process);
 *       OCSF 6002 Start.</li>
 *   <li>control sent: ECS {@code configuration} + {@code change}; OCSF 6002 Stop for SERVICE_CONTROL_STOP
 *       (winsvc.h, 1), else Other (99) named by the control.</li>
 *   <li>opened, status changed: ECS {@code configuration} + {@code access} / {@code info}; OCSF 6002 Other (99)
 *       named by the act. An unknown message: ECS {@code configuration} + {@code info}; OCSF Base Event (0) Other.</li>
 *   <li>driver loaded: ECS {@code driver} + {@code start}; OCSF Kernel Extension Activity (1002) Load.</li>
 *   <li>a svcctl call seen only in the RPC trace ({@link ServiceCallObserved}): a call of an API, not an act the
 *       SCM reported: ECS {@code api} + {@code creation} / {@code deletion} / {@code change} / {@code start} by the
 *       procedure; OCSF API Activity (6003) Create / Delete / Update, Other (99) named by the procedure for starts
 *       and controls (API Activity has no such activity).</li>
 * </ul>
 *
 * Immutable.
 */
record ScmAct(String action, String ecsCategory, String ecsType, int classUid, int activityId, String activityName) {
    /** OCSF Application Lifecycle: category 6 (application), class uid 2 (events/application/application_lifecycle). */
    static final int APPLICATION_LIFECYCLE = 6002;
    /** OCSF Kernel Extension Activity: category 1 (system), class uid 2 (events/system/kernel_extension_activity). */
    static final int KERNEL_EXTENSION = 1002;
    /** OCSF API Activity: category 6 (application), class uid 3 (events/application/api_activity). */
    static final int API_ACTIVITY = 6003;

    static ScmAct of(ScmEvent e) {
        if (e instanceof ServiceCreated) {
            return new ScmAct("service-created", "configuration", "creation", APPLICATION_LIFECYCLE, 1, "Install");
        } else if (e instanceof ServiceCreateRefused) {
            return new ScmAct("service-create-refused", "configuration", "creation", APPLICATION_LIFECYCLE, 1,
                    "Install");
        } else if (e instanceof ServiceStarted) {
            return new ScmAct("service-start-requested", "process", "start", APPLICATION_LIFECYCLE, 3, "Start");
        } else if (e instanceof ServiceStartResult) {
            return new ScmAct("service-start-result", "process", "start", APPLICATION_LIFECYCLE, 3, "Start");
        } else if (e instanceof ServiceControlSent c) {
            String name = ServiceCodes.controlName(c.control());
            if (c.control() == 1) {
                return new ScmAct("service-control-sent", "configuration", "change", APPLICATION_LIFECYCLE, 4, "Stop");
            }
            return new ScmAct("service-control-sent", "configuration", "change", APPLICATION_LIFECYCLE, 99,
                    "Control " + (name == null ? Integer.toString(c.control()) : name));
        } else if (e instanceof ServiceConfigChanged) {
            return new ScmAct("service-config-changed", "configuration", "change", APPLICATION_LIFECYCLE, 8, "Update");
        } else if (e instanceof ServiceDeleted) {
            return new ScmAct("service-deleted", "configuration", "deletion", APPLICATION_LIFECYCLE, 2, "Remove");
        } else if (e instanceof ServiceOpened) {
            return new ScmAct("service-opened", "configuration", "access", APPLICATION_LIFECYCLE, 99, "Open");
        } else if (e instanceof ServiceStatusChanged) {
            return new ScmAct("service-status-changed", "configuration", "info", APPLICATION_LIFECYCLE, 99,
                    "Status Change");
        } else if (e instanceof DriverLoaded) {
            return new ScmAct("driver-loaded", "driver", "start", KERNEL_EXTENSION, 1, "Load");
        } else if (e instanceof ServiceCallObserved c) {
            return call(c.procedure());
        }
        // an unknown message names no act: OCSF's Base Event (class 0), activity Other
        return new ScmAct("scm-message", "configuration", "info", 0, 99, "Unknown Message");
    }

    /** A svcctl call by its procedure's name ([MS-SCMR] 3.1.4: RCreateService*, RDeleteService, RChange..., ...). */
    private static ScmAct call(String procedure) {
        String action = "service-call-observed";
        if (procedure.startsWith("RCreate")) {
            return new ScmAct(action, "api", "creation", API_ACTIVITY, 1, "Create");
        } else if (procedure.startsWith("RDelete")) {
            return new ScmAct(action, "api", "deletion", API_ACTIVITY, 4, "Delete");
        } else if (procedure.startsWith("RChange")) {
            return new ScmAct(action, "api", "change", API_ACTIVITY, 3, "Update");
        } else if (procedure.startsWith("RStart")) {
            return new ScmAct(action, "api", "start", API_ACTIVITY, 99, procedure);
        }
        return new ScmAct(action, "api", "change", API_ACTIVITY, 99, procedure);
    }
}
