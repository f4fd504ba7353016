package io.etw4j.decode.testing;

import org.openjdk.jol.info.GraphLayout;

/**
 * The heap an object graph retains, measured deterministically: JOL walks every object reachable from the root and
 * adds their sizes in this JVM's layout (no GC, no sampling, so the same graph always measures the same). Shared
 * constants reachable from the graph (enum constants, {@code Optional.empty()}) are counted too, which only
 * overstates. Test code only.
 */
public final class RetainedBytes {
    static {
        // JDK 17 refuses Unsafe field offsets of records; JOL then finds them by its own probe.
        System.setProperty("jol.magicFieldOffset", "true");
        System.setProperty("jol.skipHotspotSAAttach", "true");
    }

    private RetainedBytes() {
    }

    /** {@return the bytes of every object reachable from {@code root}} */
    public static long of(Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }
}
