package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest SCM WPP request (a create or a start, with the client PID services.exe logged) per services.exe RPC
 * thread, so that the messages logged later in the same RPC call without a PID (a refused create, a start's outcome
 * and client SID) can be given the client of their request. Not thread-safe; bounded.
 *
 * <p>Why a thread identifies the call: services.exe serves each svcctl call synchronously on one RPC thread, and the
 * functions that log these messages (ScCreateServiceRpc, RStartServiceW) log the request first and the outcome on the
 * same thread before they return (public decompilation). A later request on the thread replaces the earlier one. A
 * join also needs the same service name (case-insensitive) and the same operation, and the request must be at most
 * {@link #MEMORY} old.
 */
final class RpcThreadRequests {
    /** How long a request is remembered: longer than a service start may take (the SCM waits up to 30 s by default). */
    static final Duration MEMORY = Duration.ofMinutes(5);

    /** A remembered request. */
    private record Request(boolean create, String serviceName, ClientProcess client, Instant time) {
    }

    private final int maxThreads;
    private final Map<Integer, Request> byThread;

    RpcThreadRequests(int maxThreads) {
        this.maxThreads = maxThreads;
        this.byThread = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Request> eldest) {
                return size() > RpcThreadRequests.this.maxThreads;
            }
        };
    }

    /** Remembers {@code event} if it is a create or start request of a known thread. */
    void remember(int threadId, ScmEvent event) {
        if (threadId <= 0) {
            return;
        }
        if (event instanceof ServiceCreated c) {
            byThread.put(threadId, new Request(true, c.serviceName(), c.client(), c.timestamp()));
        } else if (event instanceof ServiceStarted s) {
            byThread.put(threadId, new Request(false, s.serviceName(), s.client(), s.timestamp()));
        }
    }

    /** The client of the create ({@code create} true) or start request for {@code serviceName} on the thread. */
    Optional<ClientProcess> clientOf(int threadId, boolean create, String serviceName, Instant time) {
        Request r = threadId <= 0 ? null : byThread.get(threadId);
        if (r == null || r.create != create || !r.serviceName.equalsIgnoreCase(serviceName)
                || r.time.isAfter(time) || Duration.between(r.time, time).compareTo(MEMORY) > 0) {
            return Optional.empty();
        }
        return Optional.of(r.client);
    }
}
