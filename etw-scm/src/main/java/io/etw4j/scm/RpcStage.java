package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.correlation.CorrelatorOptions;
import io.etw4j.scm.internal.correlation.RpcCorroboration;
import io.etw4j.scm.internal.correlation.RpcJoinStats;
import io.etw4j.scm.internal.correlation.ScmCorrelator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link ScmPipeline} puts the Microsoft-Windows-RPC corroboration ({@link RpcCorroboration}) after the
 * attribution stage: RPC records go to it (the attribution stage does not see them), every other record to the
 * attribution stage, whose events then pass through it. Stateless helpers; not API.
 */
final class RpcStage {
    private RpcStage() {
    }

    /** A fresh stage for one subscription, waiting as long as the attribution stage can hold an act. */
    static RpcCorroboration of(CorrelatorOptions options) {
        Duration hold = options.joinWindow().multipliedBy(2);
        if (options.duplicateWindow().compareTo(hold) > 0) {
            hold = options.duplicateWindow();
        }
        return new RpcCorroboration(RpcCorroboration.DEFAULT_WINDOW, hold, options.maxPending());
    }

    static List<ScmEvent> onRecord(RpcCorroboration rpc, ScmCorrelator correlator, EventRecord record) {
        if (!RpcCorroboration.handles(record)) {
            return rpc.onEvents(correlator.onRecord(record), record.timestamp());
        }
        // The attribution stage does not see RPC records, not even their time: most are noise (other interfaces),
        // and its windows close with its own records and the idle flush.
        return rpc.onRpcRecord(record);
    }

    static List<ScmEvent> advanceTo(RpcCorroboration rpc, ScmCorrelator correlator, Instant time) {
        return rpc.onEvents(correlator.advanceTo(time), time);
    }

    static List<ScmEvent> onComplete(RpcCorroboration rpc, ScmCorrelator correlator) {
        List<ScmEvent> out = new ArrayList<>(rpc.onEvents(correlator.onComplete(), null));
        out.addAll(rpc.onComplete());
        return out;
    }

    static RpcCorroborationStatistics statistics(RpcCorroboration rpc) {
        RpcJoinStats s = rpc.stats();
        return new RpcCorroborationStatistics(s.clientCalls(), s.svcctlCalls(), s.otherCalls(), s.undecodable(),
                s.corroborated(), s.callsWithoutAct(), s.ambiguous(), s.disagreements(), s.releasedEarly());
    }
}
