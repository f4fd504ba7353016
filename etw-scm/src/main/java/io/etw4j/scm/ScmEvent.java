package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A typed Service Control Manager event: what happened to a service or driver, and which process caused it.
 *
 * <p>Every implementation is an immutable, thread-safe record. Each carries the time of the operation, the client
 * process that asked for it ({@link ClientProcess}, possibly unresolved), and the raw {@link EventRecord} it was
 * decoded from, so that nothing the SDK did not understand is lost. Records that could not be decoded become
 * {@link UnknownScmMessage}; the stream never drops them and never fails because of them.
 *
 * <p>Test for the permitted types to handle each kind (Java 17 has no pattern switch):
 * <pre>{@code
 * if (event instanceof ServiceCreated c) {
 *     System.out.println(c.serviceName() + " created by " + c.client() + ", evidence " + c.evidence());
 * } else if (event instanceof DriverLoaded d) {
 *     System.out.println(d.imagePath() + " loaded, caused by " + d.client());
 * } else if (event instanceof UnknownScmMessage u) {
 *     System.out.println("not decoded: " + u.reason());
 * }
 * }</pre>
 */
public sealed interface ScmEvent
        permits ServiceCreated, ServiceCreateRefused, ServiceStarted, ServiceStartResult, ServiceControlSent,
        ServiceConfigChanged, ServiceStatusChanged, ServiceOpened, ServiceDeleted, DriverLoaded, ServiceCallObserved,
        UnknownScmMessage {

    /** {@return when the operation was logged} */
    Instant timestamp();

    /**
     * {@return the process that asked for the operation; see {@link ClientProcess#resolution()} for how it was found}
     */
    ClientProcess client();

    /**
     * {@return how well established the meaning of the record behind the event is (see {@link Evidence}; require a
     * level with {@link ScmMonitorBuilder#minimumEvidence(Evidence)})}
     */
    Evidence evidence();

    /** {@return the record this event was decoded from (for {@link DriverLoaded}: the image-load record)} */
    EventRecord source();

    /**
     * {@return true when a second, independent trace confirms this act: Microsoft-Windows-Services reported the same
     * act ({@link ServiceStarted}, {@link ServiceConfigChanged}, {@link ServiceControlSent}, merged within the
     * duplicate window), or, with {@link ScmMonitorBuilder#rpcCorroboration(boolean)} on, a Microsoft-Windows-RPC
     * svcctl call of the same kind from the same client joined it ({@link ClientProcess#corroborated()})}
     */
    boolean corroborated();

    /**
     * {@return the service this event is about, when it names one: the service name of an act or status change, for a
     * {@link DriverLoaded} the service whose image matched ({@link DriverLoaded#serviceName()}); empty for a
     * {@link ServiceCallObserved} (the RPC event carries no name) and an {@link UnknownScmMessage}}
     */
    Optional<String> service();
}
