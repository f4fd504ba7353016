package io.etw4j.samples.terminal;

import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * {@code System.err} for the libraries' log lines (slf4j-simple prints each as one {@code println(String)}, a stack
 * trace as lines {@code "\tat ..."}): every string printed passes through {@link TerminalSafe#escape}, tabs kept, so
 * that a session, provider or service name in a library's message cannot forge a line or drive the terminal. Bytes
 * written directly ({@code write}) pass unchanged: the commands' own stderr writer writes bytes and escapes the input
 * text in its lines itself. Installed by the jar's {@code main}, before anything logs. Thread-safe as PrintStream is.
 */
public final class SafeStderr extends PrintStream {
    /**
     * @param target  the stream written to ({@code System.err} as the JVM set it)
     * @param charset the encoding of the strings printed
     */
    public SafeStderr(PrintStream target, Charset charset) {
        super(target, true, charset);
    }

    @Override
    public void print(String s) {
        super.print(TerminalSafe.escape(s).replace("\\u0009", "\t"));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }
}
