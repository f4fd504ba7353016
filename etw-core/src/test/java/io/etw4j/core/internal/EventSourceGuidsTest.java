package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSourceGuids} against EventSources whose published GUID is the one derived from their name: .NET
 * declares it in their EventSourceAttribute to save the computation, and the values agree with the derivation.
 */
class EventSourceGuidsTest {

    @Test
    void systemRuntimeIsTheDerivedGuid() {
        // dotnet/runtime RuntimeEventSource.cs: [EventSource(Guid = "49592C0F-5A05-516D-AA4B-A64E02026C89",
        // Name = "System.Runtime")]
        assertThat(EventSourceGuids.fromName("System.Runtime"))
                .isEqualTo(UUID.fromString("49592c0f-5a05-516d-aa4b-a64e02026c89"));
    }

    @Test
    void arrayPoolEventSourceIsTheDerivedGuid() {
        // dotnet/corefx ArrayPoolEventSource.cs: [EventSource(Guid = "0866B2B8-5CEF-5DB9-2612-0C0FFD814A44",
        // Name = "System.Buffers.ArrayPoolEventSource")]
        assertThat(EventSourceGuids.fromName("System.Buffers.ArrayPoolEventSource"))
                .isEqualTo(UUID.fromString("0866b2b8-5cef-5db9-2612-0c0ffd814a44"));
    }

    @Test
    void caseDoesNotMatterBecauseTheNameIsUpperCasedFirst() {
        assertThat(EventSourceGuids.fromName("system.runtime")).isEqualTo(EventSourceGuids.fromName("SYSTEM.RUNTIME"))
                .isEqualTo(EventSourceGuids.fromName("System.Runtime"));
    }

    @Test
    void anExplicitGuidIsNotTheDerivedOne() {
        // dotnet/corefx FrameworkEventSource: [EventSource(Guid = "8E9F5090-2D75-4d03-8A81-E5AFBF85DAF1",
        // Name = "System.Diagnostics.Eventing.FrameworkEventSource")]: declared, not derived
        assertThat(EventSourceGuids.fromName("System.Diagnostics.Eventing.FrameworkEventSource"))
                .isNotEqualTo(UUID.fromString("8e9f5090-2d75-4d03-8a81-e5afbf85daf1"));
    }

    @Test
    void theVersionNibbleIsFive() {
        for (String name : new String[] {"a", "Contoso-Orders", "Microsoft-Windows-DotNETRuntime"}) {
            assertThat(EventSourceGuids.fromName(name).version()).as(name).isEqualTo(5);
        }
    }
}
