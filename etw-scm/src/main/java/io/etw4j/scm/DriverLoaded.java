package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel image (driver) was loaded, with the process that caused it when that can be established.
 *
 * <p>The kernel reports driver loads with process id 0 (the load runs on a system worker thread), so the cause is
 * found by correlation: the load's image path is joined to the service whose ImagePath it is, and to the latest start
 * of that service, whose client is the cause. A load that no service start explains is still reported, with
 * {@link Attribution#UNATTRIBUTED} (for example a direct NtLoadDriver call, or a start outside the join window).
 *
 * @param timestamp   when the image was loaded
 * @param client      the process that started the driver's service, or {@link ClientProcess#unknown()}
 * @param imagePath   the driver image path as the kernel reported it
 * @param imageBase   the kernel address the image was mapped at
 * @param imageSize   the image's size in bytes
 * @param serviceName the service whose ImagePath matched, when one did
 * @param attribution how the client was attributed
 * @param source      the image-load record
 */
public record DriverLoaded(Instant timestamp, ClientProcess client, String imagePath, long imageBase, long imageSize,
        Optional<String> serviceName, Attribution attribution, EventRecord source) implements ScmEvent {

    /** How a driver load was attributed to a process. */
    public enum Attribution {
        /** Joined to a service start whose client is named (via Microsoft-Windows-Services or SCM WPP). */
        SERVICE_START,
        /** Joined to a service by image path, but no start of it was seen in the join window. */
        SERVICE_ONLY,
        /** No service explains this load (possible direct NtLoadDriver, boot-start driver, or missed events). */
        UNATTRIBUTED
    }

    public DriverLoaded {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(source, "source");
    }
}
