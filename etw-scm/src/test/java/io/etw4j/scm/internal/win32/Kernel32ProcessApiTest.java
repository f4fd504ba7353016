package io.etw4j.scm.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.internal.win32.Kernel32;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernel32ProcessApi} over a Java stand-in for kernel32 that writes into the native buffers the way the
 * documented functions do (learn.microsoft.com: QueryFullProcessImageNameW writes UTF-16 and stores the characters
 * written without the NUL in *lpdwSize; GetProcessTimes writes four FILETIMEs). This checks the buffer handling and
 * the explicit UTF-16LE and FILETIME decoding with real JNA memory, on any OS.
 */
class Kernel32ProcessApiTest {

    /** Behaves like kernel32 for one process. */
    static final class StandIn implements Kernel32 {
        final Pointer handle = new Memory(8);
        String image = "C:\\Program Files\\\u00c9diteur\\setup \uD83D\uDE00.exe";
        long creationFileTime = 133_590_312_000_000_000L; // 2024-05-01T10:00:00Z: (1714557600 + 11644473600) s x 10^7
        int openError;
        int closed;
        int lastRequestedAccess;
        int lastBufferChars;

        @Override
        public Pointer OpenProcess(int dwDesiredAccess, int bInheritHandle, int dwProcessId) {
            lastRequestedAccess = dwDesiredAccess;
            return openError == 0 ? handle : null;
        }

        @Override
        public int QueryFullProcessImageNameW(Pointer hProcess, int dwFlags, Pointer lpExeName,
                IntByReference lpdwSize) {
            lastBufferChars = lpdwSize.getValue();
            byte[] utf16 = (image + "\0").getBytes(StandardCharsets.UTF_16LE);
            lpExeName.write(0, utf16, 0, utf16.length);
            lpdwSize.setValue(image.length());
            return 1;
        }

        @Override
        public int GetProcessTimes(Pointer hProcess, Pointer lpCreationTime, Pointer lpExitTime, Pointer lpKernelTime,
                Pointer lpUserTime) {
            lpCreationTime.setLong(0, creationFileTime);
            lpExitTime.setLong(0, 0);
            lpKernelTime.setLong(0, 1);
            lpUserTime.setLong(0, 2);
            return 1;
        }

        @Override
        public int CloseHandle(Pointer hObject) {
            closed++;
            return 1;
        }

        /** Not called by the client lookup. */
        @Override
        public int GetExitCodeProcess(Pointer hProcess, IntByReference lpExitCode) {
            throw new UnsupportedOperationException("GetExitCodeProcess");
        }
    }

    private final StandIn k32 = new StandIn();
    private final Kernel32ProcessApi api = new Kernel32ProcessApi(k32);

    @Test
    void theImagePathIsReadAsUtf16WithTheLengthKernel32Reports() throws Exception {
        try (ProcessApi.Handle h = api.open(3556)) {
            assertThat(api.imagePath(h)).isEqualTo(k32.image);
        }
        assertThat(k32.lastRequestedAccess).isEqualTo(0x1000); // PROCESS_QUERY_LIMITED_INFORMATION (winnt.h)
        assertThat(k32.lastBufferChars).isEqualTo(32_768);
        assertThat(k32.closed).isEqualTo(1);
    }

    @Test
    void theCreationTimeIsTheFirstFiletime() throws Exception {
        try (ProcessApi.Handle h = api.open(3556)) {
            assertThat(api.creationTime(h)).contains(Instant.parse("2024-05-01T10:00:00Z"));
        }
    }

    @Test
    void aHandleIsClosedOnceEvenIfClosedTwice() throws Exception {
        ProcessApi.Handle h = api.open(8);
        h.close();
        h.close();

        assertThat(k32.closed).isEqualTo(1);
    }

    @Test
    void aNullHandleIsAFailureOfOpenProcess() {
        k32.openError = 87;

        assertThatThrownBy(() -> api.open(3556))
                .isInstanceOf(ProcessApi.Win32Failure.class)
                .hasMessageStartingWith("OpenProcess failed: error ");
    }
}
