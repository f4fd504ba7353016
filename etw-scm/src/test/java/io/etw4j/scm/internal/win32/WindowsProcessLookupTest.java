package io.etw4j.scm.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.scm.ClientProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WindowsProcessLookupTest {

    /** A fake kernel32: PIDs it knows, errors to return, and a record of handles opened and closed. */
    static final class FakeApi implements ProcessApi {
        final Map<Integer, String> images = new HashMap<>();
        final Map<Integer, Integer> openErrors = new HashMap<>();
        final Map<Integer, Integer> imageErrors = new HashMap<>();
        final Map<Integer, Instant> created = new HashMap<>();
        final List<Integer> opened = new ArrayList<>();
        final List<Integer> closed = new ArrayList<>();
        RuntimeException explode;

        @Override
        public Handle open(int pid) throws Win32Failure {
            if (explode != null) {
                throw explode;
            }
            if (openErrors.containsKey(pid)) {
                throw new Win32Failure("OpenProcess", openErrors.get(pid));
            }
            if (!images.containsKey(pid)) {
                throw new Win32Failure("OpenProcess", 87); // ERROR_INVALID_PARAMETER: no such process
            }
            opened.add(pid);
            return new FakeHandle(pid);
        }

        @Override
        public String imagePath(Handle process) throws Win32Failure {
            int pid = ((FakeHandle) process).pid;
            if (imageErrors.containsKey(pid)) {
                throw new Win32Failure("QueryFullProcessImageNameW", imageErrors.get(pid));
            }
            return images.get(pid);
        }

        @Override
        public Optional<Instant> creationTime(Handle process) throws Win32Failure {
            int pid = ((FakeHandle) process).pid;
            if (!created.containsKey(pid)) {
                throw new Win32Failure("GetProcessTimes", 5);
            }
            return Optional.of(created.get(pid));
        }

        final class FakeHandle implements Handle {
            final int pid;

            FakeHandle(int pid) {
                this.pid = pid;
            }

            @Override
            public void close() {
                closed.add(pid);
            }
        }
    }

    private final FakeApi api = new FakeApi();
    private final WindowsProcessLookup lookup = new WindowsProcessLookup(api);

    @Test
    void aRunningProcessIsDescribedAndItsHandleClosed() {
        api.images.put(3556, "C:\\Users\\bob\\setup.exe");
        api.created.put(3556, Instant.parse("2024-05-01T10:00:00Z"));

        ClientProcess c = lookup.lookup(3556);

        assertThat(c.pid()).isEqualTo(3556);
        assertThat(c.resolution()).isEqualTo(ClientProcess.Resolution.LIVE_LOOKUP);
        assertThat(c.imagePath()).contains("C:\\Users\\bob\\setup.exe");
        assertThat(c.startTime()).contains(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(api.closed).isEqualTo(api.opened).containsExactly(3556);
    }

    @Test
    void aProcessThatAlreadyExitedIsReportedAsExitedWithItsPid() {
        ClientProcess c = lookup.lookup(3556);

        assertThat(c).isEqualTo(ClientProcess.ofPid(3556).withResolution(ClientProcess.Resolution.EXITED));
    }

    @Test
    void accessDeniedIsALookupFailureNotAnExit() {
        api.openErrors.put(4, 5); // ERROR_ACCESS_DENIED

        assertThat(lookup.lookup(4).resolution()).isEqualTo(ClientProcess.Resolution.LOOKUP_FAILED);
    }

    @Test
    void anImageQueryFailureIsALookupFailureAndTheHandleIsStillClosed() {
        api.images.put(8, "x");
        api.imageErrors.put(8, 31);

        ClientProcess c = lookup.lookup(8);

        assertThat(c.resolution()).isEqualTo(ClientProcess.Resolution.LOOKUP_FAILED);
        assertThat(c.imagePath()).isEmpty();
        assertThat(api.closed).containsExactly(8);
    }

    @Test
    void aMissingCreationTimeKeepsTheImage() {
        api.images.put(12, "C:\\a.exe");

        ClientProcess c = lookup.lookup(12);

        assertThat(c.resolution()).isEqualTo(ClientProcess.Resolution.LIVE_LOOKUP);
        assertThat(c.imagePath()).contains("C:\\a.exe");
        assertThat(c.startTime()).isEmpty();
    }

    @Test
    void anUnexpectedErrorNeverEscapes() {
        api.explode = new IllegalStateException("boom");

        assertThat(lookup.lookup(16).resolution()).isEqualTo(ClientProcess.Resolution.LOOKUP_FAILED);
    }

    @Test
    void pidZeroIsNotLookedUp() {
        assertThat(lookup.lookup(0).resolution()).isEqualTo(ClientProcess.Resolution.LOOKUP_FAILED);
        assertThat(api.opened).isEmpty();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsCreatingItFailsBeforeLoadingKernel32() {
        assertThatThrownBy(WindowsProcessLookup::create).isInstanceOf(UnsupportedPlatformException.class);
    }
}
