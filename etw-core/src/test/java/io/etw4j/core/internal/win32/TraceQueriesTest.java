package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.Win32Errors;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceQueries#registeredProviders()} (EnumerateTraceGuidsEx, TraceGuidQueryList) over a Java stand-in for
 * advapi32 that answers as the "EnumerateTraceGuidsEx function (evntrace.h)" page describes: a too small OutBuffer
 * gives ERROR_INSUFFICIENT_BUFFER with the size needed in ReturnLength. QueryAllTracesW and TraceGuidQueryInfo are
 * covered through {@link WindowsEtwNative} in {@code WindowsEtwNativeTest}.
 */
class TraceQueriesTest {
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final UUID SERVICES = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");

    private final List<String> calls = new ArrayList<>();
    /** The registered providers; changed by {@link #growBy} between calls. */
    private final List<UUID> registered = new ArrayList<>(List.of(SCM, SERVICES));
    private int growBy;
    private int errorCode;

    private TraceQueries queries() {
        Advapi32 api = (Advapi32) Proxy.newProxyInstance(Advapi32.class.getClassLoader(),
                new Class<?>[] {Advapi32.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("EnumerateTraceGuidsEx")) {
                        throw new AssertionError("unexpected call " + m.getName());
                    }
                    return enumerate((int) args[0], (Pointer) args[1], (int) args[2], (Pointer) args[3],
                            (int) args[4], (IntByReference) args[5]);
                });
        return new TraceQueries(api);
    }

    private int enumerate(int infoClass, Pointer in, int inSize, Pointer out, int outSize, IntByReference length) {
        calls.add(infoClass + " in=" + (in == null ? "null" : "set") + "/" + inSize + " out=" + outSize);
        if (errorCode != 0) {
            return errorCode;
        }
        for (int i = 0; i < growBy; i++) {
            registered.add(new UUID(0, registered.size()));
        }
        int needed = registered.size() * Guids.SIZE;
        length.setValue(needed);
        if (out == null || outSize < needed) {
            return Advapi32.ERROR_INSUFFICIENT_BUFFER;
        }
        for (int i = 0; i < registered.size(); i++) {
            Guids.write(out, (long) i * Guids.SIZE, registered.get(i));
        }
        return Win32Errors.ERROR_SUCCESS;
    }

    @Test
    void theProviderListIsSizedByAFirstCallAndReadInOrder() {
        assertThat(queries().registeredProviders()).containsExactly(SCM, SERVICES);
        assertThat(calls).containsExactly("0 in=null/0 out=0", "0 in=null/0 out=32");
    }

    @Test
    void aListThatKeepsGrowingIsAnErrorAfterALimitedNumberOfCalls() {
        growBy = 1;
        assertThatThrownBy(() -> queries().registeredProviders())
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("EnumerateTraceGuidsEx");
                    assertThat(e.getMessage()).contains("kept growing");
                });
        assertThat(calls).hasSize(1 + TraceQueries.MAX_GUID_INFO_ATTEMPTS);
    }

    @Test
    void anErrorIsTypedWithItsCode() {
        errorCode = Win32Errors.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> queries().registeredProviders())
                .isInstanceOfSatisfying(EtwCallException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(Win32Errors.ERROR_ACCESS_DENIED));
    }

    @Test
    void noRegisteredProviderIsAnEmptySet() {
        registered.clear();
        assertThat(queries().registeredProviders()).isEmpty();
    }

    @Test
    void aThirtyTwoBitJvmIsRefusedBeforeAdvapi32IsLoaded() {
        // On Linux advapi32 cannot load: anything but this refusal would mean it came too late.
        assertThatThrownBy(() -> TraceQueries.onThisMachine(4, "the test listing"))
                .isInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("the test listing (64-bit JVM only)")
                .hasMessageContaining("32-bit JVM");
        WindowsLibraries.requireX64(8, "x64 accepted");
        assertThat(WindowsLibraries.X64_POINTER_SIZE).isEqualTo(8);
    }
}
