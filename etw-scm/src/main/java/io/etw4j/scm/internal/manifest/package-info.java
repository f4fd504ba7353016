/**
 * Internal: the instrumentation manifests etw-scm ships for Microsoft-Windows-Services and
 * Microsoft-Windows-Kernel-Process, and the etw-decode decoder built from them ({@link
 * io.etw4j.scm.internal.manifest.ShippedManifests}), with its exact-version decode policy. The typed adapters over the
 * decoded fields live beside each provider ({@code internal.services}, {@code internal.kernel}). Not API.
 */
package io.etw4j.scm.internal.manifest;
