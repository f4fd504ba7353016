package io.etw4j.scm.internal.correlation;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.internal.rpc.RpcClientCall;
import io.etw4j.scm.internal.rpc.RpcClientCalls;
import io.etw4j.scm.internal.rpc.RpcProvider;
import io.etw4j.scm.internal.rpc.SvcctlOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The optional stage after the attribution stage that joins Microsoft-Windows-RPC client calls to svcctl (event 5,
 * written in the calling process) to the SCM act events the attribution stage emits, by caller PID and time.
 *
 * <p><b>The join.</b> An act event (ServiceCreated, ServiceStarted, ServiceConfigChanged, ServiceDeleted,
 * ServiceControlSent with a client PID above 0) and a call are candidates of each other when the call's procedure asks
 * for that kind of act ({@link SvcctlOperation#act()}) and their times are at most {@code window} apart. An act is
 * joined only when exactly one candidate call came from its client's PID and that call has no other candidate act of
 * the same PID; then the act's client is marked {@link ClientProcess#corroborated()}. Several candidates (a tie) join
 * nothing: never a guess; the act counts as ambiguous and those calls are not emitted. A call that joined no act is
 * emitted as a {@link ServiceCallObserved} (no service name: the RPC event has none); if it was the only candidate of
 * an act whose client is another process, the two traces disagree: the act goes out as the SCM reported it (not
 * corroborated) and the call is marked {@link ServiceCallObserved#conflicting()} and counted.
 *
 * <p><b>When it decides.</b> The attribution stage can hold an act up to {@code correlatorHold} after its time, so an
 * act is decided when trace time passes {@code act + 2 × window + correlatorHold} (every act that competes for its
 * calls has then been emitted) and a call when it passes {@code call + 3 × window + correlatorHold} (every act that
 * could join it has been decided). Events leave in the order they came (calls at their arrival), so with this stage
 * on every event is delivered up to that much trace time later. {@link #onComplete()} decides everything with what
 * it has.
 *
 * <p><b>Bounds.</b> At most {@code maxPending} events and calls wait; beyond that the oldest is decided at once with
 * what is known and counted in {@code releasedEarly}. Calls of other interfaces and svcctl procedures that are not
 * acts are counted and dropped at once.
 *
 * <p>Single-threaded and stateful, like {@link ScmCorrelator}: one subscription's pipeline calls it.
 */
public final class RpcCorroboration {
    /**
     * The join window: RpcClientCallStart is written when the client starts the call and services.exe logs its WPP
     * message while serving it, normally within milliseconds on the same clock (inferred); one second is generous.
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    private enum CallState { OPEN, JOINED, AMBIGUOUS }

    private static final class Entry {
        final ScmEvent event; // an act or another event; null for a call
        final SvcctlOperation.Act act; // the act kind of an act or a call; null for other events
        final RpcClientCall.Call call;
        final SvcctlOperation operation;
        final int pid;
        final Instant time;
        final Instant due;
        boolean decided;
        ScmEvent result;
        CallState state = CallState.OPEN;
        boolean contradicts; // a call that was the only candidate of an act of another client
        boolean released; // left the queue

        Entry(ScmEvent event, SvcctlOperation.Act act, RpcClientCall.Call call, SvcctlOperation operation, int pid,
                Instant time, Instant due) {
            this.event = event;
            this.act = act;
            this.call = call;
            this.operation = operation;
            this.pid = pid;
            this.time = time;
            this.due = due;
            this.decided = act == null;
            this.result = event;
        }
    }

    private final Duration window;
    private final Duration actDelay;
    private final Duration callDelay;
    private final Duration memory;
    private final int maxPending;
    private final RpcClientCalls reader = new RpcClientCalls();
    /** Every waiting event and call, in output order. */
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    /** Acts and calls of the recent past, in arrival order, for the candidate search. */
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private Instant now;
    private long clientCalls;
    private long svcctlCalls;
    private long otherCalls;
    private long undecodable;
    private long corroborated;
    private long callsWithoutAct;
    private long ambiguous;
    private long disagreements;
    private long releasedEarly;

    /**
     * @param window         how far apart a call and an act may be
     * @param correlatorHold the longest time the attribution stage holds an act after its timestamp
     * @param maxPending     how many events and calls may wait
     */
    public RpcCorroboration(Duration window, Duration correlatorHold, int maxPending) {
        this.window = Objects.requireNonNull(window, "window");
        Objects.requireNonNull(correlatorHold, "correlatorHold");
        if (window.isNegative() || correlatorHold.isNegative() || maxPending < 1) {
            throw new IllegalArgumentException("window and hold must not be negative, maxPending positive");
        }
        this.actDelay = window.multipliedBy(2).plus(correlatorHold);
        this.callDelay = window.multipliedBy(3).plus(correlatorHold);
        this.memory = window.multipliedBy(4).plus(correlatorHold);
        this.maxPending = maxPending;
    }

    /** {@return true if {@code record} is a Microsoft-Windows-RPC record: it goes to {@link #onRpcRecord}} */
    public static boolean handles(EventRecord record) {
        return RpcProvider.GUID.equals(record.providerId());
    }

    /** A Microsoft-Windows-RPC record; returns the events that became final. */
    public List<ScmEvent> onRpcRecord(EventRecord record) {
        moveClock(record.timestamp());
        Optional<RpcClientCall> read = reader.decode(record);
        if (read.isPresent()) {
            clientCalls++;
            RpcClientCall c = read.get();
            if (c instanceof RpcClientCall.Undecodable) {
                undecodable++;
            } else if (c instanceof RpcClientCall.OtherInterface) {
                otherCalls++;
            } else {
                RpcClientCall.Call call = (RpcClientCall.Call) c;
                Optional<SvcctlOperation> op = call.isSvcctl() ? SvcctlOperation.of(call.procNum())
                        : Optional.empty();
                if (op.isEmpty()) {
                    otherCalls++;
                } else {
                    svcctlCalls++;
                    Entry e = new Entry(null, op.get().act(), call, op.get(), call.processId(), call.timestamp(),
                            call.timestamp().plus(callDelay));
                    queue.add(e);
                    recent.add(e);
                }
            }
        }
        return release();
    }

    /** The events the attribution stage emitted at trace time {@code time}; returns the events that became final. */
    public List<ScmEvent> onEvents(List<ScmEvent> events, Instant time) {
        moveClock(time);
        for (ScmEvent ev : events) {
            SvcctlOperation.Act act = actOf(ev);
            if (act == null || ev.client().pid() <= 0) {
                queue.add(new Entry(ev, null, null, null, -1, ev.timestamp(), ev.timestamp()));
            } else {
                Entry e = new Entry(ev, act, null, null, ev.client().pid(), ev.timestamp(),
                        ev.timestamp().plus(actDelay));
                queue.add(e);
                recent.add(e);
            }
        }
        return release();
    }

    /** Moves trace time (an idle flush) and returns the events that became final. */
    public List<ScmEvent> advanceTo(Instant time) {
        moveClock(time);
        return release();
    }

    /** The end: decides everything with what is known and returns everything still waiting. */
    public List<ScmEvent> onComplete() {
        for (Entry e : recent) {
            if (e.call == null && !e.decided) {
                decideAct(e);
            }
        }
        List<ScmEvent> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            emit(queue.poll(), out);
        }
        recent.clear();
        return out;
    }

    /** {@return the counters} */
    public RpcJoinStats stats() {
        return new RpcJoinStats(clientCalls, svcctlCalls, otherCalls, undecodable, corroborated, callsWithoutAct,
                ambiguous, disagreements, releasedEarly);
    }

    /** {@return a number that changes whenever a counter of {@link #stats()} does} */
    public long changes() {
        return clientCalls + corroborated + callsWithoutAct + ambiguous + disagreements + releasedEarly;
    }

    /** {@return events and calls waiting} */
    public int pending() {
        return queue.size();
    }

    private void moveClock(Instant t) {
        if (t != null && (now == null || t.isAfter(now))) {
            now = t;
        }
    }

    private List<ScmEvent> release() {
        if (queue.isEmpty()) {
            if (!recent.isEmpty()) {
                prune();
            }
            return List.of();
        }
        List<ScmEvent> out = new ArrayList<>();
        if (now != null) {
            for (Entry e : recent) {
                if (e.call == null && !e.decided && !now.isBefore(e.due)) {
                    decideAct(e);
                }
            }
        }
        while (!queue.isEmpty()) {
            Entry head = queue.peek();
            boolean ready = head.call == null ? head.decided : now != null && !now.isBefore(head.due);
            if (!ready && queue.size() <= maxPending) {
                break;
            }
            if (!ready) {
                releasedEarly++;
                if (head.call == null) {
                    decideAct(head);
                }
            }
            emit(queue.poll(), out);
        }
        prune();
        return out;
    }

    /** Emits a decided act or other event, or decides a call (emitted only if it joined nothing). */
    private void emit(Entry e, List<ScmEvent> out) {
        e.released = true;
        if (e.call == null) {
            out.add(e.result);
            return;
        }
        if (e.state != CallState.OPEN) {
            return;
        }
        callsWithoutAct++;
        if (e.contradicts) {
            disagreements++;
        }
        EventRecord r = e.call.source();
        OptionalLong key = r.processStartKey();
        ClientProcess client = ClientProcess.ofPid(r.processId());
        if (key.isPresent()) {
            client = client.withProcessStartKey(key.getAsLong());
        }
        out.add(new ServiceCallObserved(r.timestamp(), client, e.operation.procedure(), e.operation.opnum(),
                e.contradicts, Evidence.PUBLISHED_MANIFEST, r));
    }

    private void decideAct(Entry a) {
        a.decided = true;
        List<Entry> candidates = new ArrayList<>(2);
        List<Entry> own = new ArrayList<>(1);
        for (Entry c : recent) {
            if (c.call != null && c.act == a.act && near(c.time, a.time)) {
                candidates.add(c);
                if (c.pid == a.pid) {
                    own.add(c);
                }
            }
        }
        if (own.size() == 1 && !hasOtherAct(own.get(0), a)) {
            own.get(0).state = CallState.JOINED;
            a.result = corroborated(a.event);
            corroborated++;
        } else if (!own.isEmpty()) {
            ambiguous++;
            for (Entry c : own) {
                if (c.state == CallState.OPEN) {
                    c.state = CallState.AMBIGUOUS;
                }
            }
        } else if (candidates.size() == 1) {
            candidates.get(0).contradicts = true;
        }
    }

    /** True if an act other than {@code a}, of the call's kind and PID, is a candidate of {@code call}. */
    private boolean hasOtherAct(Entry call, Entry a) {
        for (Entry o : recent) {
            if (o != a && o.call == null && o.act == call.act && o.pid == call.pid && near(o.time, call.time)) {
                return true;
            }
        }
        return false;
    }

    private boolean near(Instant x, Instant y) {
        Duration d = Duration.between(x, y).abs();
        return d.compareTo(window) <= 0;
    }

    /** Forgets decided acts and calls no undecided act can reach any more. */
    private void prune() {
        if (now == null) {
            return;
        }
        Instant horizon = now.minus(memory);
        Iterator<Entry> it = recent.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            boolean done = e.call == null ? e.decided : e.released;
            if (done && e.time.isBefore(horizon)) {
                it.remove();
            } else if (!e.time.isBefore(horizon)) {
                break;
            }
        }
        while (recent.size() > 2 * maxPending) {
            recent.poll();
        }
    }

    private static SvcctlOperation.Act actOf(ScmEvent e) {
        if (e instanceof ServiceCreated) {
            return SvcctlOperation.Act.CREATE;
        } else if (e instanceof ServiceStarted) {
            return SvcctlOperation.Act.START;
        } else if (e instanceof ServiceConfigChanged) {
            return SvcctlOperation.Act.CONFIG_CHANGE;
        } else if (e instanceof ServiceDeleted) {
            return SvcctlOperation.Act.DELETE;
        } else if (e instanceof ServiceControlSent) {
            return SvcctlOperation.Act.CONTROL;
        }
        return null;
    }

    private static ScmEvent corroborated(ScmEvent e) {
        ClientProcess client = e.client().asCorroborated();
        if (e instanceof ServiceCreated c) {
            return c.withClient(client);
        } else if (e instanceof ServiceStarted s) {
            return s.withClient(client);
        } else if (e instanceof ServiceConfigChanged c) {
            return c.withClient(client);
        } else if (e instanceof ServiceControlSent c) {
            return c.withClient(client);
        }
        ServiceDeleted d = (ServiceDeleted) e;
        return new ServiceDeleted(d.timestamp(), client, d.serviceName(), d.error(), d.attributedBy(), d.evidence(),
                d.source());
    }
}
