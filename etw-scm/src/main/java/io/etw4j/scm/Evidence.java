package io.etw4j.scm;

/**
 * How well established the meaning of the record behind an {@link ScmEvent} is: the weakest source that the decoding
 * of its message number and payload layout rests on. Detection rules can require a level with
 * {@link ScmMonitorBuilder#minimumEvidence(Evidence)}: typed events resting on less become {@link UnknownScmMessage}s
 * whose reason says so.
 *
 * <p>The SCM WPP messages are undocumented: which number means which act, and with which payload, is known from a
 * public decompilation of services.exe, from the debugger session of the article
 * "使用ETW监控冒个进程创建和启动服务以及加载驱动程序" (anquanke.com, post 241806), or from a capture on a real host
 * (for example the {@code scm-calibrate} sample). Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process
 * events are described by the manifests Windows publishes for them.
 *
 * <p>The constants are declared from weakest to strongest; compare them with {@link #atLeast(Evidence)}.
 */
public enum Evidence {
    /** Nothing establishes a meaning: an {@link UnknownScmMessage}, or a table entry marked unconfirmed. */
    NONE,
    /**
     * Read off a public decompilation of a services.exe build (static analysis of the code that logs the message: the
     * message number, the WPP format letters and the arguments). The message GUID is not visible there, so the entry
     * applies to the number under any message GUID until a capture pins it.
     */
    PUBLIC_DECOMPILATION,
    /**
     * A published article's debugger session on one (older) Windows build: the payload of message 0x28 seen in memory
     * (service name, client PID, image path), in the article "使用ETW监控冒个进程创建和启动服务以及加载驱动程序"
     * (anquanke.com, post 241806). Written {@code published-article} in a message table.
     */
    PUBLISHED_ARTICLE,
    /** Seen on a real host: a capture whose records carried a known client PID and service name (calibration). */
    CAPTURE,
    /** The event's publisher documents its fields in the provider's instrumentation manifest. */
    PUBLISHED_MANIFEST;

    /**
     * {@return true if this level is {@code minimum} or stronger}
     *
     * @param minimum the level to compare with
     */
    public boolean atLeast(Evidence minimum) {
        return compareTo(minimum) >= 0;
    }
}
