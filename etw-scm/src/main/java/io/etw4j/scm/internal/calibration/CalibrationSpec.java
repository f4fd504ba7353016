package io.etw4j.scm.internal.calibration;

import io.etw4j.scm.calibration.CalibrationAct;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one calibration run that the engine explains records by.
 *
 * @param clientPid    the calibrating process's id
 * @param serviceName  the throwaway service's name
 * @param imagePath    the binary path given to CreateService, if known
 * @param windowsBuild the Windows build, for the table's source column
 * @param date         the day, for the table's source column
 * @param slack        how far outside an act window a record may lie
 * @param acts         the acts in timeline order
 */
public record CalibrationSpec(long clientPid, String serviceName, Optional<String> imagePath, String windowsBuild,
        LocalDate date, Duration slack, List<CalibrationAct> acts) {
    public CalibrationSpec {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(windowsBuild, "windowsBuild");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(slack, "slack");
        acts = List.copyOf(acts);
    }
}
