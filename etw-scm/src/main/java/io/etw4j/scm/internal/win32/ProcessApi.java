package io.etw4j.scm.internal.win32;

import java.time.Instant;
import java.util.Optional;

/**
 * The three questions the live client lookup asks Windows about a PID, behind an interface so that its logic is tested
 * with a fake on any OS ({@link Kernel32ProcessApi} is the real one). Each call either answers or throws
 * {@link Win32Failure} with the GetLastError code.
 */
interface ProcessApi {

    /** An open process handle; {@link #close()} releases it (CloseHandle). */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid). */
    Handle open(int pid) throws Win32Failure;

    /** QueryFullProcessImageNameW(handle, 0, ...): the image's Win32 path. */
    String imagePath(Handle process) throws Win32Failure;

    /** GetProcessTimes(handle, ...): the creation time, if it can be read. */
    Optional<Instant> creationTime(Handle process) throws Win32Failure;

    /** A failed Win32 call: its function name and GetLastError code. */
    final class Win32Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String function;
        private final int error;

        Win32Failure(String function, int error) {
            super(function + " failed: error " + error + " (0x" + Integer.toHexString(error) + ")", null, false,
                    false);
            this.function = function;
            this.error = error;
        }

        String function() {
            return function;
        }

        int error() {
            return error;
        }
    }
}
