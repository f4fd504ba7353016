package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeEtwNative;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STOP then CloseTrace, once, with the documented benign results. */
@Timeout(60)
class SessionStopperTest {
    private final FakeEtwNative fake = new FakeEtwNative();

    private SessionStopper startedAndOpened(String name) {
        long h = fake.startTrace(name, new SessionConfig(64, 0, 0, 1, 0x100, 1));
        SessionStopper s = new SessionStopper(fake, name);
        s.markStarted();
        s.markOpened(fake.openTrace(name, new NoSink()));
        assertThat(h).isPositive();
        return s;
    }

    @Test
    void stopsThenClosesOnlyOnce() {
        SessionStopper s = startedAndOpened("a");
        assertThat(s.stop()).isTrue();
        assertThat(s.stop()).isFalse();
        s.run();
        assertThat(fake.calls()).containsExactly("START a", "OPEN a", "STOP a", "CLOSE 0x5001");
        assertThat(s.finalStatus()).isNotNull();
        assertThat(s.stopError()).isNull();
        assertThat(s.closeError()).isNull();
    }

    @Test
    void nothingStartedMeansNoNativeCall() {
        SessionStopper s = new SessionStopper(fake, "never");
        s.stop();
        assertThat(fake.calls()).isEmpty();
        assertThat(s.wasStarted()).isFalse();
    }

    @Test
    void instanceNotFoundIsAlreadyStoppedAndClosePendingIsSuccess() {
        SessionStopper s = startedAndOpened("b");
        fake.failNext(Op.STOP, Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND)
                .failNext(Op.CLOSE, Win32Errors.ERROR_CTX_CLOSE_PENDING);
        s.stop();
        assertThat(s.wasAlreadyStopped()).isTrue();
        assertThat(s.stopError()).isNull();
        assertThat(s.closeError()).isNull();
        assertThat(s.finalStatus()).isNull();
    }

    @Test
    void otherStopAndCloseErrorsAreKeptAndCloseIsStillCalled() {
        SessionStopper s = startedAndOpened("c");
        fake.failNext(Op.STOP, Win32Errors.ERROR_ACCESS_DENIED).failNext(Op.CLOSE, Win32Errors.ERROR_INVALID_HANDLE);
        s.stop();
        assertThat(s.stopError().errorCode()).isEqualTo(Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(s.closeError().errorCode()).isEqualTo(Win32Errors.ERROR_INVALID_HANDLE);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(s.wasAlreadyStopped()).isFalse();
    }

    @Test
    void cleanerActionAndShutdownRegistryStopTheSession() {
        SessionStopper s = startedAndOpened("d");
        Cleaner.Cleanable c = ActiveSessions.register(new Object(), s, false);
        assertThat(ActiveSessions.active()).contains(s);
        c.clean(); // what the Cleaner runs when the owner becomes unreachable
        assertThat(fake.calls()).endsWith("STOP d", "CLOSE 0x5001");
        assertThat(ActiveSessions.active()).doesNotContain(s);
    }

    @Test
    void aSecondCallerWaitsUntilTheFirstHasFinished() throws Exception {
        CountDownLatch inStop = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong closes = new AtomicLong();
        EtwNative blocking = new BlockingStop(fake, inStop, release, closes);
        fake.startTrace("e", new SessionConfig(64, 0, 0, 1, 0x100, 1));
        SessionStopper s = new SessionStopper(blocking, "e");
        s.markStarted();
        s.markOpened(fake.openTrace("e", new NoSink()));

        Thread first = new Thread(s::stop);
        first.start();
        assertThat(inStop.await(20, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean secondSawClose = new AtomicBoolean();
        Thread second = new Thread(() -> {
            s.stop();
            secondSawClose.set(closes.get() == 1);
        });
        second.start();
        // Release the first caller only once the second waits inside stop() (a WAITING state alone could be a class
        // initialisation lock, and releasing then would let the second caller arrive after the first had finished).
        while (!waitsIn(second, "awaitFinished") && second.isAlive()) {
            Thread.onSpinWait();
        }
        release.countDown();
        second.join(20_000);
        first.join(20_000);
        assertThat(secondSawClose).isTrue();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
    }

    private static boolean waitsIn(Thread t, String method) {
        if (t.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(SessionStopper.class.getName()) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static final class NoSink implements EtwNative.RecordSink {
        @Override
        public void onRecord(io.etw4j.core.EventRecord record) {
        }

        @Override
        public void onCopyFailure(Throwable failure) {
        }
    }

    /** Delegates to the fake; STOP blocks until released, CloseTrace is counted. */
    private record BlockingStop(FakeEtwNative fake, CountDownLatch inStop, CountDownLatch release, AtomicLong closes)
            implements EtwNative {
        @Override
        public long startTrace(String n, SessionConfig c) {
            return fake.startTrace(n, c);
        }

        @Override
        public void enableProvider(long h, ProviderConfig p) {
            fake.enableProvider(h, p);
        }

        @Override
        public TraceStatus queryTrace(String n) {
            return fake.queryTrace(n);
        }

        @Override
        public void captureState(long h, ProviderConfig p) {
            fake.captureState(h, p);
        }

        @Override
        public void traceSetInformation(long h, int c, byte[] i) {
            fake.traceSetInformation(h, c, i);
        }

        @Override
        public TraceStatus stopTrace(String n) {
            inStop.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake.stopTrace(n);
        }

        @Override
        public void flushTrace(String n) {
            fake.flushTrace(n);
        }

        @Override
        public TraceProperties queryProperties(String n) {
            return fake.queryProperties(n);
        }

        @Override
        public TraceStatus updateTrace(String n, TraceProperties p) {
            return fake.updateTrace(n, p);
        }

        @Override
        public long openTrace(String n, RecordSink s) {
            return fake.openTrace(n, s);
        }

        @Override
        public void processTrace(long h) {
            fake.processTrace(h);
        }

        @Override
        public void closeTrace(long h) {
            fake.closeTrace(h);
            closes.incrementAndGet();
        }

        @Override
        public TraceList queryAllTraces() {
            return fake.queryAllTraces();
        }

        @Override
        public List<ProviderInstance> providerInstances(java.util.UUID providerId) {
            return fake.providerInstances(providerId);
        }
    }
}
