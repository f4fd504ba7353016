package io.etw4j.scm.internal.preflight;

import java.util.Objects;

/**
 * The system facts a preflight reads, each behind a small interface so that {@link PreflightChecks} runs against
 * fakes on any OS. On Windows {@link WindowsProbes#create()} supplies the real ones.
 *
 * @param elevation elevation of this process
 * @param registry  HKLM DWORD values
 * @param providers registered trace providers
 * @param sessions  running trace sessions
 */
public record PreflightProbes(ElevationProbe elevation, RegistryProbe registry, ProviderProbe providers,
        SessionProbe sessions) {
    public PreflightProbes {
        Objects.requireNonNull(elevation, "elevation");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(sessions, "sessions");
    }
}
