package io.etw4j.samples.demo;

import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmMonitorBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The demo capture shipped in the samples jar, and monitors that replay it: a driver installation by setup.exe
 * (PID 3556, the PID of the article "使用ETW监控冒个进程创建和启动服务以及加载驱动程序",
 * anquanke.com, post 241806) that creates and starts service "evilsvc", whose driver then loads with ProcessID 0.
 * Replayed it gives a {@code ServiceCreated} and a {@code ServiceStarted} naming PID 3556 and a {@code DriverLoaded} attributed to that
 * start. What {@code scm-monitor --replay-demo} shows.
 *
 * <p>The capture is synthetic: written byte by byte from the published event layouts (Microsoft-Windows-Services,
 * Microsoft-Windows-Kernel-Process manifests, the article's SCM WPP payload), not recorded on a Windows host. It runs
 * on any operating system.
 *
 * <p>Stateless and thread-safe; each call reads the resource anew.
 */
public final class DemoCapture {
    /** Classpath location of the capture. */
    public static final String RESOURCE = "/io/etw4j/samples/demo/scm-demo.etl";

    private DemoCapture() {
    }

    /**
     * {@return the capture's bytes, a read-only buffer of a fresh copy}
     *
     * @throws IllegalStateException if the resource is missing from the classpath
     * @throws UncheckedIOException if it cannot be read
     */
    public static ByteBuffer bytes() {
        try (InputStream in = DemoCapture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
            }
            return ByteBuffer.wrap(in.readAllBytes()).asReadOnlyBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** {@return a monitor replaying the capture with the default options ({@code replay(ScmMonitor.builder())})} */
    public static ScmMonitor replay() {
        return replay(ScmMonitor.builder());
    }

    /**
     * {@return a monitor replaying the capture with {@code options} ({@link ScmMonitorBuilder#replay(ByteBuffer)})}
     *
     * @param options the monitor's options (join windows, providers, message table, ...)
     */
    public static ScmMonitor replay(ScmMonitorBuilder options) {
        Objects.requireNonNull(options, "options");
        return options.replay(bytes());
    }
}
