package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which providers a live monitor enables with the RPC corroboration off (the default) and on, over the fake layer (a host
 * without an SCM session: the private mode, so the SCM WPP provider is the first of the own session's providers).
 */
class ScmMonitorRpcProviderTest {
    // Microsoft-Windows-RPC, as the provider lists of Microsoft's TSS support scripts name it.
    private static final UUID RPC = UUID.fromString("6AD52B32-D609-4BE9-AE07-CE8DAE937E39");

    private final FakeEtwNative fake = new FakeEtwNative();

    private ScmMonitorBuilder builder() {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withShutdownHook(false);
        return ScmMonitor.builder().noLiveLookup().environment(env).registry((key, value) -> OptionalInt.empty());
    }

    @Test
    void byDefaultMicrosoftWindowsRpcIsNotEnabled() {
        builder().create().events().subscribe().dispose();

        assertThat(fake.enabledProviders()).extracting(ProviderConfig::providerId).doesNotContain(RPC).hasSize(3);
    }

    @Test
    void withTheOptionOnItIsEnabledAtInformationalWithoutKeywords() {
        builder().rpcCorroboration(true).create().events().subscribe().dispose();

        assertThat(fake.enabledProviders()).extracting(ProviderConfig::providerId).endsWith(RPC).hasSize(4);
        ProviderConfig rpc = fake.enabledProviders().get(3);
        assertThat(rpc.level()).as("TRACE_LEVEL_INFORMATION (evntrace.h), event 5's level").isEqualTo(4);
        assertThat(rpc.matchAnyKeyword()).as("the provider declares no keywords: nothing narrows it").isZero();
    }
}
