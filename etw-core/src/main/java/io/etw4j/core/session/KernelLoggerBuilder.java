package io.etw4j.core.session;

import io.etw4j.core.internal.SessionSpec;
import java.util.List;

/**
 * Builds the NT Kernel Logger ({@link EtwSession#kernelBuilder()}): the kernel's own events, selected with
 * {@link #kernelFlags(KernelFlag...)} or {@link #groupMask(int...)}. It takes no providers (the NT Kernel Logger
 * cannot enable any: use {@link SystemLoggerBuilder} for Windows 11 system providers), so this type has no
 * {@code enable} method. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class KernelLoggerBuilder extends KernelGroupsBuilder<KernelLoggerBuilder> {

    KernelLoggerBuilder() {
        super("NT Kernel Logger");
    }

    /**
     * {@return the session}
     *
     * @throws IllegalStateException if no kernel group is set, if there is neither real time nor a file, or if
     *                               minimumBuffers &gt; maximumBuffers
     */
    @Override
    public EtwSession build() {
        if (!anyGroups()) {
            throw new IllegalStateException("set the kernel groups to collect with kernelFlags(...)");
        }
        checkStarted();
        return SessionAssembly.assemble(this, SessionSpec.Kind.NT_KERNEL_LOGGER, List.of());
    }
}
