package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel image (driver) was loaded, with the process that caused it when that can be established. Immutable and
 * thread-safe.
 *
 * <p>The kernel reports driver loads with process id 0 (the load runs on a system worker thread), so the cause is
 * found by correlation: the load's image path is joined, after normalisation, to the service whose ImagePath it is
 * (known from {@link ServiceCreated} or supplied up front), and to the latest start of that service inside the join
 * window, whose client is the cause. A load that no service start explains is still reported, with
 * {@link Attribution#UNATTRIBUTED} (for example a direct NtLoadDriver call, a boot-start driver, a start outside the
 * join window, or events that were lost).
 *
 * @param timestamp        when the image was loaded
 * @param client           the process that started the driver's service, or {@link ClientProcess#unknown()}
 * @param imagePath        the driver image path as the kernel reported it
 * @param imageBase        the kernel address the image was mapped at
 * @param imageSize        the image's size in bytes
 * @param imageChecksum    the PE checksum the kernel reported (ImageCheckSum), 0 if not given
 * @param timeDateStamp    the PE TimeDateStamp the kernel reported, 0 if not given
 * @param serviceName      the service whose ImagePath (or name, see {@link Attribution}) matched, when one did
 * @param serviceImagePath that service's ImagePath as registered, when known
 * @param serviceStart     the start of that service the load was joined to, when one was
 * @param attribution      how the client was attributed
 * @param attributedBy     {@link AttributionSource#CORRELATION} when joined to a start, otherwise
 *                         {@link AttributionSource#NONE}; the start's own source is {@code serviceStart.attributedBy()}
 * @param source           the image-load record
 */
public record DriverLoaded(Instant timestamp, ClientProcess client, String imagePath, long imageBase, long imageSize,
        long imageChecksum, long timeDateStamp, Optional<String> serviceName, Optional<String> serviceImagePath,
        Optional<ServiceStarted> serviceStart, Attribution attribution, AttributionSource attributedBy,
        EventRecord source) implements ScmEvent {

    /** How a driver load was attributed to a process. */
    public enum Attribution {
        /**
         * Joined by image path to a service and to a start of it inside the join window; the client is that start's
         * (unknown only if the start named none, e.g. an SCM autostart).
         */
        SERVICE_START,
        /**
         * No ImagePath was known for the service, but the image's file name without extension equals the name of a
         * service started inside the join window (the usual convention for drivers). Weaker than
         * {@link #SERVICE_START}: a service can be named anything.
         */
        SERVICE_START_BY_FILE_NAME,
        /** Joined to a service by image path, but no start of it was seen in the join window. */
        SERVICE_ONLY,
        /** No service explains this load (possible direct NtLoadDriver, boot-start driver, or missed events). */
        UNATTRIBUTED
    }

    /**
     * What the attribution rests on: the evidence of the {@link #serviceStart()} it was joined to, or
     * {@link Evidence#PUBLISHED_MANIFEST} (the Kernel-Process image load alone) when it was joined to none.
     */
    @Override
    public Evidence evidence() {
        return serviceStart.map(ServiceStarted::evidence).orElse(Evidence.PUBLISHED_MANIFEST);
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the image was loaded
     * @param client the process that started the driver's service, or {@link ClientProcess#unknown()}
     * @param imagePath the driver image path as the kernel reported it
     * @param imageBase the kernel address the image was mapped at
     * @param imageSize the image's size in bytes
     * @param imageChecksum the PE checksum the kernel reported (ImageCheckSum), 0 if not given
     * @param timeDateStamp the PE TimeDateStamp the kernel reported, 0 if not given
     * @param serviceName the service whose ImagePath (or name, see {@link Attribution}) matched, when one did
     * @param serviceImagePath that service's ImagePath as registered, when known
     * @param serviceStart the start of that service the load was joined to, when one was
     * @param attribution how the client was attributed
     * @param attributedBy {@link AttributionSource#CORRELATION} when joined to a start, otherwise {@link
     *        AttributionSource#NONE}; the start's own source is {@code serviceStart.attributedBy()}
     * @param source the image-load record
     */
    public DriverLoaded {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(serviceImagePath, "serviceImagePath");
        Objects.requireNonNull(serviceStart, "serviceStart");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A load without checksum, timestamp, ImagePath or start details; {@code attributedBy} follows from
     * {@code attribution}.
     *
     * @param timestamp when the image was loaded
     * @param client the process that started the driver's service, or {@link ClientProcess#unknown()}
     * @param imagePath the driver image path as the kernel reported it
     * @param imageBase the kernel address the image was mapped at
     * @param imageSize the image's size in bytes
     * @param serviceName the service whose ImagePath (or name, see {@link Attribution}) matched, when one did
     * @param attribution how the client was attributed
     * @param source the image-load record
     */
    public DriverLoaded(Instant timestamp, ClientProcess client, String imagePath, long imageBase, long imageSize,
            Optional<String> serviceName, Attribution attribution, EventRecord source) {
        this(timestamp, client, imagePath, imageBase, imageSize, 0L, 0L, serviceName, Optional.empty(),
                Optional.empty(), attribution,
                attribution == Attribution.SERVICE_START || attribution == Attribution.SERVICE_START_BY_FILE_NAME
                        ? AttributionSource.CORRELATION : AttributionSource.NONE,
                source);
    }

    /** {@return false: no second trace confirms this kind of event (see {@link ScmEvent#corroborated()})} */
    @Override
    public boolean corroborated() {
        return false;
    }

    /** {@return the service whose image matched, as {@link #serviceName()} (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return serviceName;
    }
}
