package io.etw4j.core.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a session that collects the kernel's own events (the NT Kernel Logger and private system loggers):
 * the kernel groups ({@link KernelFlag}s, group masks) and the kernel events that get a call stack. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract sealed class KernelGroupsBuilder<B extends KernelGroupsBuilder<B>> extends StartedSessionBuilder<B>
        permits KernelLoggerBuilder, SystemLoggerBuilder {

    /** The most events {@link #kernelStacks(KernelStackEvent...)} takes (TraceSetInformation docs). */
    public static final int MAX_KERNEL_STACK_EVENTS = 256;

    int enableFlags;
    int[] groupMask = new int[0];
    final List<KernelStackEvent> stackEvents = new ArrayList<>();

    KernelGroupsBuilder(String name) {
        super(name);
    }

    /**
     * The kernel groups to collect (EVENT_TRACE_PROPERTIES.EnableFlags). Replaces earlier flags.
     *
     * @param flags the groups
     * @return this builder
     */
    public B kernelFlags(KernelFlag... flags) {
        enableFlags = KernelFlag.mask(List.of(flags));
        return self();
    }

    /**
     * The extended kernel groups (PERFINFO_GROUPMASK: 8 ULONGs, the first being the EnableFlags bits), set after
     * StartTraceW with TraceSetInformation(TraceSystemTraceEnableFlagsInfo) (Windows 8 and later). Group bits other
     * than the {@link KernelFlag}s are undocumented: the values xperf uses are known from public tools.
     *
     * @param masks 1 to 8 ULONGs (missing ones are zero)
     * @return this builder
     * @throws IllegalArgumentException unless 1 to 8 values
     */
    public B groupMask(int... masks) {
        if (masks.length == 0 || masks.length > 8) {
            throw new IllegalArgumentException("a PERFINFO_GROUPMASK has 1..8 ULONGs, got " + masks.length);
        }
        groupMask = masks.clone();
        return self();
    }

    /**
     * Kernel events that get a call stack (TraceSetInformation(TraceStackTracingInfo) after StartTraceW); each stack
     * arrives as a StackWalk record after its event. Adds to earlier calls.
     *
     * @param events the events, {@value #MAX_KERNEL_STACK_EVENTS} at most in all
     * @return this builder
     * @throws IllegalArgumentException past {@value #MAX_KERNEL_STACK_EVENTS} events
     */
    public B kernelStacks(KernelStackEvent... events) {
        for (KernelStackEvent e : events) {
            stackEvents.add(Objects.requireNonNull(e, "event"));
        }
        if (stackEvents.size() > MAX_KERNEL_STACK_EVENTS) {
            throw new IllegalArgumentException("TraceSetInformation(TraceStackTracingInfo) takes at most "
                    + MAX_KERNEL_STACK_EVENTS + " events, got " + stackEvents.size());
        }
        return self();
    }

    /** {@return whether kernel groups were set (flags or a group mask)} */
    final boolean anyGroups() {
        return enableFlags != 0 || groupMask.length > 0;
    }
}
