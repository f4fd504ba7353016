package io.etw4j.core.testing;

import io.etw4j.core.internal.OwnerProbe;
import io.etw4j.core.internal.SessionNames;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link OwnerProbe} with a scripted process table: this process is {@code selfPid} started at {@code selfStart};
 * other processes are alive only if added with {@link #alive(long, long)}. Thread-safe.
 */
public final class FakeOwners implements OwnerProbe {
    private final long selfPid;
    private final long selfStart;
    private final Set<String> alive = ConcurrentHashMap.newKeySet();

    public FakeOwners(long selfPid, long selfStart) {
        this.selfPid = selfPid;
        this.selfStart = selfStart;
        alive(selfPid, selfStart);
    }

    /** Declares process {@code pid}, started at {@code startMillis}, as running. */
    public FakeOwners alive(long pid, long startMillis) {
        alive.add(pid + "-" + startMillis);
        return this;
    }

    @Override
    public SessionNames.Owned self(String logicalName) {
        return new SessionNames.Owned(logicalName, selfPid, selfStart);
    }

    @Override
    public boolean isAlive(long pid, long startMillis) {
        return alive.contains(pid + "-" + startMillis);
    }
}
