package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.ScmEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario the correlator tests share: an installer (PID 4242) started by cmd.exe (PID 1000), both with process
 * start keys, a correlator over {@link FakeWppDecoder} with default options, and a way to feed it records.
 */
abstract class CorrelatorScenario {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final String CMD = "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe";
    static final String INSTALLER = "\\Device\\HarddiskVolume3\\Users\\bob\\Downloads\\installer.exe";
    static final int CMD_PID = 1000;
    static final long CMD_KEY = 0x1_0000_1000L;
    static final int PID = 4242;
    static final long KEY = 0x1_0000_1111L;

    /** The correlator under test; a test may replace it (other options, another decoder). */
    ScmCorrelator correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(),
            CorrelatorOptions.defaults());

    /** The public events the correlator gives for {@code records}, in order. */
    List<ScmEvent> feed(EventRecord... records) {
        List<ScmEvent> out = new ArrayList<>();
        for (EventRecord r : records) {
            out.addAll(correlator.onRecord(r));
        }
        return out;
    }

    /** Starts cmd.exe and the installer (Kernel-Process ProcessStart v4); they give no event. */
    void processes() {
        assertThat(feed(PublishedLayouts.processStartV4(CMD_PID, CMD_KEY, T0, 900, 0x1_0000_0900L, CMD),
                PublishedLayouts.processStartV4(PID, KEY, T0.plusMillis(100), CMD_PID, CMD_KEY, INSTALLER)))
                .isEmpty();
    }

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}
