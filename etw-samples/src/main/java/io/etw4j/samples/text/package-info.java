/** Text for a terminal from the Markdown shipped in the samples jar ({@link io.etw4j.samples.text.MarkdownText}). */
package io.etw4j.samples.text;
