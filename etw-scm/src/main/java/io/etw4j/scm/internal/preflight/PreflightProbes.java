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
 * @param holders   the sessions that have a provider enabled
 */
public record PreflightProbes(ElevationProbe elevation, RegistryProbe registry, ProviderProbe providers,
        SessionProbe sessions, ProviderHolderProbe holders) {
    public PreflightProbes {
        Objects.requireNonNull(elevation, "elevation");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(holders, "holders");
    }

    /** The probes without a holder probe: the SCM WPP holder check then reports UNKNOWN ("not probed"). */
    public PreflightProbes(ElevationProbe elevation, RegistryProbe registry, ProviderProbe providers,
            SessionProbe sessions) {
        this(elevation, registry, providers, sessions, provider -> {
            throw new UnsupportedOperationException("the holders of a provider were not probed");
        });
    }
}
