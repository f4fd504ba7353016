package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Win32Errors}: names and the remedies that depend on which call failed. */
class Win32ErrorsTest {

    @Test
    void noSystemResourcesFromEnableTraceEx2NamesTheProvidersEightSessionLimit() {
        // learn.microsoft.com "EnableTraceEx2 function": ERROR_NO_SYSTEM_RESOURCES = "Exceeded the number of trace
        // sessions that can enable the provider"; "Configuring and Starting an Event Tracing Session": up to eight.
        String remedy = Win32Errors.remedy("EnableTraceEx2", Win32Errors.ERROR_NO_SYSTEM_RESOURCES);

        assertThat(remedy).contains("8 for a manifest-based provider").doesNotContain("64");
    }

    @Test
    void noSystemResourcesFromStartTraceNamesTheSystemWideSessionLimit() {
        String remedy = Win32Errors.remedy("StartTraceW", Win32Errors.ERROR_NO_SYSTEM_RESOURCES);

        assertThat(remedy).contains("system-wide limit of ETW sessions (64 by default)").doesNotContain("8 for");
    }

    @Test
    void theCodeAndItsNameAreUnchangedWhateverTheCall() {
        assertThat(Win32Errors.ERROR_NO_SYSTEM_RESOURCES).isEqualTo(1450); // winerror.h
        assertThat(Win32Errors.name(1450)).isEqualTo("ERROR_NO_SYSTEM_RESOURCES");
        assertThat(Win32Errors.remedy("EnableTraceEx2", Win32Errors.ERROR_ACCESS_DENIED))
                .isEqualTo(Win32Errors.remedy("StartTraceW", Win32Errors.ERROR_ACCESS_DENIED));
    }
}
