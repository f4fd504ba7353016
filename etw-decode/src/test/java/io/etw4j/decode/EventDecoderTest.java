package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which sources the decoder shows records to, and the shipped sources' declarations. */
class EventDecoderTest {

    /** A source that records what it is shown and says whether it observes records. */
    static final class Recording implements SchemaSource {
        final boolean observes;
        final List<EventRecord> seen = new ArrayList<>();

        Recording(boolean observes) {
            this.observes = observes;
        }

        @Override
        public SchemaOrigin origin() {
            return SchemaOrigin.MANIFEST;
        }

        @Override
        public Optional<EventSchema> schemaFor(EventRecord record) {
            return Optional.empty();
        }

        @Override
        public boolean observesRecords() {
            return observes;
        }

        @Override
        public void observe(EventRecord record) {
            seen.add(record);
        }
    }

    @Test
    void onlySourcesThatSayTheyObserveRecordsAreShownEveryRecordInOrder() {
        Recording observing = new Recording(true);
        Recording silent = new Recording(false); // overrides observe, but does not declare it: never called
        EventDecoder d = EventDecoder.builder().add(silent).add(observing).build();
        EventRecord a = PayloadDecoderTest.record(new byte[] {1}, true);
        EventRecord b = PayloadDecoderTest.record(new byte[] {2}, true);
        d.decode(a);
        d.observe(b);

        assertThat(observing.seen).containsExactly(a, b);
        assertThat(silent.seen).isEmpty();
    }

    @Test
    void theStatefulShippedSourcesDeclareThatTheyObserveAndTheOthersDoNot() {
        assertThat(EmbeddedEventInfoSchemas.create().observesRecords()).isTrue();
        assertThat(EventSourceSchemas.create().observesRecords()).isTrue();
        assertThat(TraceLoggingSchemas.create().observesRecords()).isFalse();
        assertThat(ManifestSchemas.create().observesRecords()).isFalse();
        assertThat(KernelMofSchemas.create().observesRecords()).isFalse();
    }

    @Test
    void manifestExceptionIsUncheckedSoLoadingNeedsNoThrowsClause() {
        assertThat(RuntimeException.class).isAssignableFrom(ManifestException.class);
        // Compiles without a throws clause or a catch: the README's plain-main shape.
        Runnable load = () -> ManifestSchemas.create(Path.of("no-such.man"));
        org.assertj.core.api.Assertions.assertThatThrownBy(load::run).isInstanceOf(ManifestException.class)
                .hasMessageContaining("no-such.man");
    }
}
