/**
 * The checks behind {@link io.etw4j.scm.preflight.ScmPreflight} ({@code PreflightChecks}) over probes of the host
 * ({@code PreflightProbes}; {@code WindowsProbes} on Windows, stand-ins in the tests). Not API.
 */
package io.etw4j.scm.internal.preflight;
