package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.OwnerProbe.SystemOwnerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How {@link OwnerProbe#system()} picks its liveness check, and what it answers when the Windows one is missing. */
class OwnerProbeTest {
    private static final long NO_SUCH_PID = Integer.MAX_VALUE - 1L;

    private static boolean onWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    @Test
    void onWindowsIsAliveIsAskedOfTheWindowsProbeCreatedOnceOnFirstUse() {
        AtomicInteger created = new AtomicInteger();
        List<String> asked = new ArrayList<>();
        SystemOwnerProbe probe = new SystemOwnerProbe(true, () -> {
            created.incrementAndGet();
            return new OwnerProbe() {
                @Override
                public SessionNames.Owned self(String logicalName) {
                    throw new AssertionError("self is not delegated");
                }

                @Override
                public boolean isAlive(long pid, long startMillis) {
                    asked.add(pid + "@" + startMillis);
                    return pid == 7;
                }
            };
        });

        assertThat(created).hasValue(0); // lazy: nothing loaded by building the probe
        assertThat(probe.self("x").pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(created).hasValue(0);
        assertThat(probe.isAlive(7, 70)).isTrue();
        assertThat(probe.isAlive(8, 80)).isFalse();
        assertThat(asked).containsExactly("7@70", "8@80");
        assertThat(created).hasValue(1);
    }

    @Test
    void onWindowsWithoutAWindowsProbeEveryOwnerIsAliveSoNothingIsStopped() {
        AtomicInteger attempts = new AtomicInteger();
        SystemOwnerProbe probe = new SystemOwnerProbe(true, () -> {
            attempts.incrementAndGet();
            throw new UnsatisfiedLinkError("kernel32");
        });

        assertThat(probe.isAlive(NO_SUCH_PID, 1)).isTrue();
        assertThat(probe.isAlive(NO_SUCH_PID, 0)).isTrue();
        assertThat(attempts).hasValue(1); // not retried on every call
    }

    @Test
    void theReflectiveLoaderReportsTheProbesOwnRefusalUnwrapped() {
        assumeFalse(onWindows(), "only meaningful off Windows");
        assertThatThrownBy(SystemOwnerProbe::loadWindowsProbe).isExactlyInstanceOf(UnsupportedPlatformException.class);
        // and through the system probe: no kernel32 here, so even a PID no process has counts as alive
        assertThat(new SystemOwnerProbe(true, SystemOwnerProbe::loadWindowsProbe).isAlive(NO_SUCH_PID, 1)).isTrue();
    }

    @Test
    void offWindowsProcessHandleDecidesAndTheWindowsProbeIsNeverCreated() {
        SystemOwnerProbe probe = new SystemOwnerProbe(false, () -> {
            throw new AssertionError("the Windows probe must not be created off Windows");
        });
        SessionNames.Owned me = probe.self("x");

        assertThat(probe.isAlive(me.pid(), me.startMillis())).isTrue();
        assertThat(probe.isAlive(NO_SUCH_PID, 1)).isFalse();
        if (me.startMillis() != 0) {
            assertThat(probe.isAlive(me.pid(), me.startMillis() - 1)).isFalse();
        }
    }
}
