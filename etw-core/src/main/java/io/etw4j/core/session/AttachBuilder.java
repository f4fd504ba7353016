package io.etw4j.core.session;

import io.etw4j.core.internal.SessionSpec;
import java.util.List;

/**
 * Builds a consumer of a real-time session someone else runs ({@link EtwSession#attach(String)}). It offers only the
 * hand-off and health settings of {@link HandOffBuilder}: the session's providers, kernel settings, buffers and files
 * are its owner's, so this type has no method to set them. Not thread-safe; {@link #build()} may be called more than
 * once.
 */
public final class AttachBuilder extends HandOffBuilder<AttachBuilder> {

    AttachBuilder(String etwSessionName) {
        super(etwSessionName);
    }

    /** {@return the session (consumed only: never started, configured or stopped by etw4j)} */
    @Override
    public EtwSession build() {
        return SessionAssembly.assemble(this, SessionSpec.Kind.ATTACH, List.of());
    }
}
