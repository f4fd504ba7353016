package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.session.EtwSession;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import io.etw4j.scm.internal.correlation.ServiceImageLookup;
import io.etw4j.scm.internal.session.ScmSessionTracker;
import io.etw4j.scm.internal.win32.RegistryServiceImages;
import io.etw4j.scm.internal.win32.WindowsProcessLookup;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * Where a monitor's records come from, with the defaults that depend on it: a live session (live process and registry
 * lookups, an idle flush), an .etl replay (its reader, for statistics) or any Flux. The source factories of
 * {@link ScmMonitorBuilder} build one of these; {@link ScmPipeline} does not know which it has. Immutable.
 *
 * @param records        the records
 * @param session        the live session, for a live monitor
 * @param etlFile        the file a replay reads, for its reader statistics
 * @param defaultLookup  the live process lookup unless the builder sets one
 * @param defaultImages  the service image lookup unless the builder sets one
 * @param defaultIdle    the idle flush unless the builder sets one
 * @param scmSession     for a live monitor whose SCM WPP provider is on, how its runs use the SCM session
 * @param sharedSession  the attached "SCM" session of a share-mode monitor
 */
record ScmSource(Flux<EventRecord> records, Optional<EtwSession> session, Optional<EtlFile> etlFile,
        LiveProcessLookup defaultLookup, ServiceImageLookup defaultImages, Duration defaultIdle,
        Optional<ScmSessionTracker> scmSession, Optional<EtwSession> sharedSession) {

    ScmSource {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(etlFile, "etlFile");
        Objects.requireNonNull(scmSession, "scmSession");
        Objects.requireNonNull(sharedSession, "sharedSession");
    }

    /** Any Flux: no live lookups, windows closed by trace time only. */
    static ScmSource of(Flux<EventRecord> records) {
        return new ScmSource(records, Optional.empty(), Optional.empty(), LiveProcessLookup.none(),
                ServiceImageLookup.none(), Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** An .etl replay: as {@link #of}, and the reader's statistics. */
    static ScmSource replay(EtlFile file) {
        return new ScmSource(file.records(), Optional.of(file), LiveProcessLookup.none(), ServiceImageLookup.none(),
                Duration.ZERO);
    }

    private ScmSource(Flux<EventRecord> records, Optional<EtlFile> file, LiveProcessLookup lookup,
            ServiceImageLookup images, Duration idle) {
        this(records, Optional.empty(), file, lookup, images, idle, Optional.empty(), Optional.empty());
    }

    /** A live session: OpenProcess and registry lookups (loaded on first use), the live idle flush. */
    static ScmSource live(EtwSession session) {
        return new ScmSource(session.records(), Optional.of(session), Optional.empty(), new LazyWindowsLookup(),
                new LazyRegistryImages(), ScmMonitor.DEFAULT_LIVE_IDLE_FLUSH, Optional.empty(), Optional.empty());
    }

    /**
     * A live monitor with the SCM WPP provider: its own session (if it has providers to enable) and, in share mode,
     * the attached SCM session, merged into one stream. Each subscription runs {@code tracker}'s steps around them:
     * {@link ScmSessionTracker#begin()} before the sessions start, {@link ScmSessionTracker#end()} after they stopped
     * (cancel, error or completion).
     */
    static ScmSource live(Optional<EtwSession> own, Optional<EtwSession> shared, ScmSessionTracker tracker) {
        Flux<EventRecord> merged = own.isPresent() && shared.isPresent()
                ? Flux.merge(own.get().records(), shared.get().records())
                : own.or(() -> shared).orElseThrow().records();
        Flux<EventRecord> records = Flux.defer(() -> {
            tracker.begin();
            return merged.doFinally(signal -> tracker.end());
        });
        return new ScmSource(records, own.or(() -> shared), Optional.empty(), new LazyWindowsLookup(),
                new LazyRegistryImages(), ScmMonitor.DEFAULT_LIVE_IDLE_FLUSH, Optional.of(tracker), shared);
    }

    /** The Windows live lookup, loaded on the first PID to look up; if it cannot load, every lookup fails softly. */
    private static final class LazyWindowsLookup implements LiveProcessLookup {
        private volatile LiveProcessLookup delegate;

        @Override
        public ClientProcess lookup(int pid) {
            LiveProcessLookup d = delegate;
            if (d == null) {
                try {
                    d = WindowsProcessLookup.create();
                } catch (RuntimeException | LinkageError e) {
                    d = p -> ClientProcess.ofPid(p).withResolution(ClientProcess.Resolution.LOOKUP_FAILED);
                }
                delegate = d;
            }
            return d.lookup(pid);
        }
    }

    /** The registry lookup of service image paths, loaded on first use; if it cannot load, nothing is found. */
    private static final class LazyRegistryImages implements ServiceImageLookup {
        private volatile ServiceImageLookup delegate;

        @Override
        public Optional<String> imagePath(String serviceName) {
            ServiceImageLookup d = delegate;
            if (d == null) {
                try {
                    d = RegistryServiceImages.create();
                } catch (RuntimeException | LinkageError e) {
                    d = ServiceImageLookup.none();
                }
                delegate = d;
            }
            return d.imagePath(serviceName);
        }
    }
}
