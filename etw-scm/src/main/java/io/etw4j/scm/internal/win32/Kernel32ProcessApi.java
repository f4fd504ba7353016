package io.etw4j.scm.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.win32.Kernel32;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** {@link ProcessApi} on kernel32; construct only on Windows (it loads kernel32). Thread-safe. */
final class Kernel32ProcessApi implements ProcessApi {
    private final Kernel32 k32;

    Kernel32ProcessApi(Kernel32 k32) {
        this.k32 = k32;
    }

    private final class RealHandle implements Handle {
        final Pointer handle;
        private boolean closed;

        RealHandle(Pointer handle) {
            this.handle = handle;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                k32.CloseHandle(handle);
            }
        }
    }

    @Override
    public Handle open(int pid) throws Win32Failure {
        Pointer h = k32.OpenProcess(Kernel32.PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if (h == null) { // OpenProcess returns NULL on failure (not INVALID_HANDLE_VALUE)
            throw new Win32Failure("OpenProcess", Native.getLastError());
        }
        return new RealHandle(h);
    }

    @Override
    public String imagePath(Handle process) throws Win32Failure {
        Memory buffer = new Memory(Kernel32.MAX_LONG_PATH_CHARS * 2L);
        IntByReference size = new IntByReference(Kernel32.MAX_LONG_PATH_CHARS);
        if (k32.QueryFullProcessImageNameW(((RealHandle) process).handle, Kernel32.WIN32_PATH_FORMAT, buffer,
                size) == 0) {
            throw new Win32Failure("QueryFullProcessImageNameW", Native.getLastError());
        }
        // lpdwSize receives the characters written, without the NUL (learn.microsoft.com).
        int chars = Math.max(0, Math.min(size.getValue(), Kernel32.MAX_LONG_PATH_CHARS));
        return new String(buffer.getByteArray(0, chars * 2), StandardCharsets.UTF_16LE);
    }

    @Override
    public Optional<Instant> creationTime(Handle process) throws Win32Failure {
        Memory times = new Memory(4 * 8); // four FILETIMEs (8 bytes each, minwinbase.h)
        if (k32.GetProcessTimes(((RealHandle) process).handle, times, times.share(8), times.share(16),
                times.share(24)) == 0) {
            throw new Win32Failure("GetProcessTimes", Native.getLastError());
        }
        byte[] ft = times.getByteArray(0, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (ft[i] & 0xFF);
        }
        return v == 0 ? Optional.empty() : Optional.of(FileTimes.toInstant(v));
    }
}
