/**
 * The synthetic SCM demo capture the samples ship ({@link io.etw4j.samples.demo.DemoCapture}): what
 * {@code scm-monitor --replay-demo} replays, on any operating system.
 */
package io.etw4j.samples.demo;
