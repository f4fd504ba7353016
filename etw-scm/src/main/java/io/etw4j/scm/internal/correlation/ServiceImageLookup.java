package io.etw4j.scm.internal.correlation;

import java.util.Optional;

/**
 * Where a live monitor reads the image path of a service whose create message did not carry one (current Windows
 * builds): on Windows, the registry value {@code HKLM\SYSTEM\CurrentControlSet\Services\<name>\ImagePath}. Called once
 * per such creation, when it is processed. Must not throw (an exception counts as "not found").
 *
 * <p>For replays use {@link #none()}: the registry of the machine running the replay is not the recording host's.
 */
@FunctionalInterface
public interface ServiceImageLookup {

    /** The service's ImagePath as registered now, if it can be read. */
    Optional<String> imagePath(String serviceName);

    /** No lookup: every creation without a path in its message waits for the other sources. */
    static ServiceImageLookup none() {
        return name -> Optional.empty();
    }
}
