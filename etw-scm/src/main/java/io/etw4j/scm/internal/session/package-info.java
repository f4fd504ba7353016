/**
 * How a live monitor uses services.exe's "SCM" session: the choice between sharing it and a private enable
 * ({@code ScmSessionPlan}), and one run's steps and observations ({@code ScmSessionTracker}: the SCM session's
 * BuffersWritten, the provider given back). Not API.
 */
package io.etw4j.scm.internal.session;
