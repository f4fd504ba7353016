package io.etw4j.core.etl.hostile;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.ScanEquivalence;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EtlFile#scan} on the hostile fixtures: the records, statistics and errors of {@link EtlFile#records()}. */
class EtlScanHostileTest {

    @Test
    void hostileFixturesScanAsTheirRecords() {
        int mib = 1 << 20;
        HostileEtl bombs = new HostileEtl(1).event(0);
        for (int i = 0; i < 10; i++) {
            bombs.bomb(64 << 20, 0);
        }
        bombs.event(0);
        List<byte[]> images = List.of(bombs.build(),
                new HostileEtl(1).bomb(HostileEtl.BUFFER_SIZE, 0).event(0).build(),
                new HostileEtl(64, mib).event(0).build(),
                new HostileEtl(1).bomb(2 * HostileEtl.BUFFER_SIZE, 0).event(0).build(),
                new HostileEtl(2).event(1).event(0).event(5).build());
        for (byte[] image : images) {
            for (boolean ts : new boolean[] {false, true}) {
                for (boolean strict : new boolean[] {false, true}) {
                    EtlReadOptions o = EtlReadOptions.defaults().withTimestampOrder(ts);
                    ScanEquivalence.check(EtlFile.of(ByteBuffer.wrap(image), o.withStrict(strict)));
                }
            }
        }
    }
}
