/**
 * The engine behind {@link io.etw4j.scm.calibration.ScmCalibration}: which WPP records a known act produced, and the
 * layouts they imply ({@code LayoutInference}). Not API.
 */
package io.etw4j.scm.internal.calibration;
