package io.etw4j.samples.summary;

import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.UnknownScmMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SCM acts of a trace for the timeline picture: one mark per {@link ScmEvent} (its time, kind and service name),
 * in one lane per client process (its PID and, when known, its image). Bounded: at most {@link #MAX_MARKS} marks and
 * {@link #MAX_LANES} lanes are kept; the events beyond are counted ({@link #notDrawn()}).
 *
 * <p>Not thread-safe: filled by one thread, read after.
 */
public final class ScmActs {
    /** The most marks kept. */
    public static final int MAX_MARKS = 5_000;
    /** The most lanes (client processes) kept. */
    public static final int MAX_LANES = 200;

    /**
     * One act.
     *
     * @param time    when it was logged
     * @param kind    the event type's simple name ({@code ServiceCreated}, ...)
     * @param service the service name (for a driver load without a known service, the image path; for an
     *                undecoded message, its id; for a svcctl call seen only in the RPC trace, {@code call} and the
     *                procedure)
     */
    public record Mark(Instant time, String kind, String service) {
    }

    /**
     * One client process and its acts.
     *
     * @param pid   the client PID (-1: unknown)
     * @param image the client's image path, or empty text when unknown
     * @param marks its acts, in arrival order
     */
    public record Lane(int pid, String image, List<Mark> marks) {
    }

    private final Map<Integer, List<Mark>> lanes = new LinkedHashMap<>();
    private final Map<Integer, String> images = new LinkedHashMap<>();
    private int marks;
    private long notDrawn;

    /** Adds {@code e} as a mark in its client's lane (or counts it, beyond the bounds). */
    public void add(ScmEvent e) {
        int pid = e.client().pid();
        List<Mark> lane = lanes.get(pid);
        if (marks >= MAX_MARKS || (lane == null && lanes.size() >= MAX_LANES)) {
            notDrawn++;
            return;
        }
        if (lane == null) {
            lane = new ArrayList<>();
            lanes.put(pid, lane);
        }
        lane.add(new Mark(e.timestamp(), e.getClass().getSimpleName(), service(e)));
        marks++;
        if (e.client().imagePath().isPresent()) {
            images.putIfAbsent(pid, e.client().imagePath().get());
        }
    }

    /** {@return the lanes, in the order their first act arrived} */
    public List<Lane> lanes() {
        List<Lane> list = new ArrayList<>();
        lanes.forEach((pid, m) -> list.add(new Lane(pid, images.getOrDefault(pid, ""), List.copyOf(m))));
        return list;
    }

    /** {@return events counted but not drawn (beyond the bounds)} */
    public long notDrawn() {
        return notDrawn;
    }

    /** {@return events added, drawn or not} */
    public long count() {
        return marks + notDrawn;
    }

    /** {@return true if no act was added} */
    public boolean isEmpty() {
        return marks == 0 && notDrawn == 0;
    }

    /** {@return the service an event is about (see {@link Mark#service()})} */
    static String service(ScmEvent e) {
        if (e instanceof DriverLoaded x) {
            return x.serviceName().orElse(x.imagePath());
        } else if (e instanceof ServiceCallObserved x) {
            return "call " + x.procedure(); // the RPC event names no service
        } else if (e instanceof UnknownScmMessage x) {
            return "message 0x" + Integer.toHexString(x.messageId());
        }
        return e.service().orElseThrow(); // every other event names its service
    }
}
