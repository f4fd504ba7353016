/**
 * Windows lookups of a live monitor: the client process of a PID ({@code WindowsProcessLookup}, OpenProcess and
 * QueryFullProcessImageNameW through etw-core's {@code Kernel32} binding) and a service's configured image path
 * ({@code RegistryServiceImages}). Not API.
 */
package io.etw4j.scm.internal.win32;
