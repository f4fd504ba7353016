/**
 * What keeps input text from driving the terminal: {@link io.etw4j.samples.terminal.TerminalSafe}, the one escaping
 * function every command applies to text from an input before it reaches stderr or a human-readable output, and
 * {@link io.etw4j.samples.terminal.SafeStderr}, the same escaping for the libraries' log lines (slf4j-simple writes
 * them to {@code System.err}); and {@link io.etw4j.samples.terminal.ConsoleTerminal}, whether the program runs in a
 * terminal at all. Stateless, thread-safe.
 */
package io.etw4j.samples.terminal;
