package io.etw4j.core.internal;

import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.session.HealthReport;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.session.SessionStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The factories of the statistics types, which have no public constructor (so a counter added later breaks no caller):
 * each type installs its factory here when its class initialises, and etw4j's sources (and tests) create instances
 * through these methods. Not API; thread-safe.
 */
public final class Statistics {
    /** Creates {@link SessionStatistics}; installed by that class. */
    public interface SessionFactory {
        /**
         * {@return the counters} See {@link SessionStatistics} for each one.
         *
         * @param received            records the ETW callback handed over
         * @param delivered           records passed to onNext
         * @param droppedBySdk        records dropped (full hand-off)
         * @param callbackFailures    records lost inside the callback
         * @param eventsLost          ETW's EventsLost
         * @param realTimeBuffersLost ETW's RealTimeBuffersLost
         * @param lostEventRecords    RT_LostEvent records received
         * @param buffersWritten      ETW's BuffersWritten
         * @param realTimeAdded       whether the run added real-time delivery to an attached session
         */
        SessionStatistics create(long received, long delivered, long droppedBySdk, long callbackFailures,
                long eventsLost, long realTimeBuffersLost, long lostEventRecords, long buffersWritten,
                boolean realTimeAdded);
    }

    /** Creates {@link HealthReport}s; installed by that class. */
    public interface HealthFactory {
        /**
         * {@return the report} See {@link HealthReport} for each value.
         *
         * @param timestamp           when the values were read
         * @param sessionName         the ETW session name
         * @param kind                poll or final
         * @param eventsLost          ETW's EventsLost
         * @param realTimeBuffersLost ETW's RealTimeBuffersLost
         * @param lostEventRecords    RT_LostEvent records received
         * @param droppedBySdk        records dropped by etw4j
         * @param callbackFailures    records etw4j could not copy
         * @param contention          one entry per provider, in enable order
         * @param buffersWritten      ETW's BuffersWritten
         */
        HealthReport create(Instant timestamp, String sessionName, HealthReport.Kind kind, long eventsLost,
                long realTimeBuffersLost, long lostEventRecords, long droppedBySdk, long callbackFailures,
                List<ProviderContention> contention, long buffersWritten);

        /** {@return the report with BuffersWritten 0} The other values as in the full factory method. */
        default HealthReport create(Instant timestamp, String sessionName, HealthReport.Kind kind, long eventsLost,
                long realTimeBuffersLost, long lostEventRecords, long droppedBySdk, long callbackFailures,
                List<ProviderContention> contention) {
            return create(timestamp, sessionName, kind, eventsLost, realTimeBuffersLost, lostEventRecords,
                    droppedBySdk, callbackFailures, contention, 0);
        }
    }

    /** Creates {@link EtlReaderStatistics}; installed by that class. */
    public interface EtlFactory {
        /**
         * {@return the statistics} See {@link EtlReaderStatistics} for each value.
         *
         * @param buffersRead       buffers read
         * @param buffersCompressed of those, decompressed ones
         * @param buffersSkipped    buffers left unread
         * @param records           records emitted
         * @param recordsSkipped    records of unmapped header types passed over
         * @param errors            malformed parts by kind
         * @param bytesRead         bytes of the buffers loaded
         * @param buffersMarkedLost buffers the logger marked lost
         * @param bytesSkipped      bytes in the lost ranges
         * @param lostRanges        ranges no record was read from (merged, in file order, the first ones)
         * @param lostRangesNotListed ranges beyond those listed
         * @param buffersExpected   BuffersWritten when it counts the file's buffers, else -1
         * @param buffersFound      buffer headers found
         * @param truncated         whether the file was cut short
         * @param buffersFilteredOut buffers not loaded because the read's time bound excludes them
         */
        EtlReaderStatistics create(long buffersRead, long buffersCompressed, long buffersSkipped, long records,
                long recordsSkipped, Map<EtlErrorKind, Long> errors, long bytesRead, long buffersMarkedLost,
                long bytesSkipped, List<EtlLostRange> lostRanges, long lostRangesNotListed, long buffersExpected,
                long buffersFound, boolean truncated, long buffersFilteredOut);
    }

    private static volatile SessionFactory session;
    private static volatile HealthFactory health;
    private static volatile EtlFactory etl;

    private Statistics() {
    }

    /** @param f the factory; called by {@link SessionStatistics}'s static initialiser */
    public static void install(SessionFactory f) {
        session = f;
    }

    /** @param f the factory; called by {@link HealthReport}'s static initialiser */
    public static void install(HealthFactory f) {
        health = f;
    }

    /** @param f the factory; called by {@link EtlReaderStatistics}'s static initialiser */
    public static void install(EtlFactory f) {
        etl = f;
    }

    /** {@return the factory of session counters} */
    public static SessionFactory session() {
        if (session == null) {
            initialise(SessionStatistics.class);
        }
        return session;
    }

    /** {@return the factory of health reports} */
    public static HealthFactory health() {
        if (health == null) {
            initialise(HealthReport.class);
        }
        return health;
    }

    /** {@return the factory of .etl read statistics} */
    public static EtlFactory etl() {
        if (etl == null) {
            initialise(EtlReaderStatistics.class);
        }
        return etl;
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
