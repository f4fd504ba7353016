/**
 * Progress of long reads on stderr when it is a terminal: the line's text ({@link
 * io.etw4j.samples.progress.ProgressLine}), its redrawing at most every 200 ms ({@link
 * io.etw4j.samples.progress.ProgressDisplay}) and the thread that polls the reader's statistics for it ({@link
 * io.etw4j.samples.progress.ProgressPoller}). The {@code --progress} / {@code --no-progress} options and the
 * terminal decision are {@code ProgressOption} of {@link io.etw4j.samples.command}.
 */
package io.etw4j.samples.progress;
