package io.etw4j.scm.internal.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which service has which ImagePath, indexed by normalised path for the driver-load join. Not thread-safe.
 *
 * <p>Lookup by a load's path: first the exact volume and path; then, when one of the two sides names its volume only
 * as an NT device ({@code \Device\HarddiskVolumeN}, not mapped to a drive) or names no volume, the path within the
 * volume alone. The second step can join a load to a service whose binary has the same path on another volume; it
 * never joins two different drive letters. Bounded: beyond {@code maxEntries} services the least recently registered
 * is forgotten.
 */
final class ServiceImageIndex {

    /** A service and its ImagePath. */
    record ServiceImage(String serviceName, String imagePath, NormalisedPath normalised) {
        ServiceImage {
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(imagePath, "imagePath");
            Objects.requireNonNull(normalised, "normalised");
        }
    }

    private final ImagePathNormaliser normaliser;
    private final int maxEntries;
    private final LinkedHashMap<String, ServiceImage> byService = new LinkedHashMap<>();
    private final Map<String, List<ServiceImage>> byKey = new HashMap<>();
    private final Map<String, List<ServiceImage>> byPath = new HashMap<>();

    ServiceImageIndex(ImagePathNormaliser normaliser, int maxEntries) {
        this.normaliser = normaliser;
        this.maxEntries = maxEntries;
    }

    /** Records that {@code serviceName} runs {@code imagePath}, replacing what was known for that service. */
    void register(String serviceName, String imagePath) {
        Optional<NormalisedPath> n = normaliser.normalise(imagePath);
        if (n.isEmpty()) {
            return;
        }
        String name = serviceName.toLowerCase(Locale.ROOT);
        unregister(name);
        ServiceImage image = new ServiceImage(serviceName, imagePath, n.get());
        byService.put(name, image);
        byKey.computeIfAbsent(n.get().key(), k -> new ArrayList<>()).add(image);
        byPath.computeIfAbsent(n.get().path(), k -> new ArrayList<>()).add(image);
        while (byService.size() > maxEntries) {
            Iterator<String> oldest = byService.keySet().iterator();
            String victim = oldest.next();
            unregister(victim);
        }
    }

    /** Like {@link #register} but only when nothing is known for the service yet. */
    void registerIfAbsent(String serviceName, String imagePath) {
        if (!byService.containsKey(serviceName.toLowerCase(Locale.ROOT))) {
            register(serviceName, imagePath);
        }
    }

    /** What is known for {@code serviceName} (case-insensitive). */
    Optional<ServiceImage> byName(String serviceName) {
        return Optional.ofNullable(byService.get(serviceName.toLowerCase(Locale.ROOT)));
    }

    /** The services whose ImagePath is {@code load}, most recently registered last. */
    List<ServiceImage> lookup(NormalisedPath load) {
        List<ServiceImage> exact = byKey.get(load.key());
        if (exact != null && !exact.isEmpty()) {
            return List.copyOf(exact);
        }
        List<ServiceImage> out = new ArrayList<>();
        for (ServiceImage candidate : byPath.getOrDefault(load.path(), List.of())) {
            if (!load.hasWin32Volume() || !candidate.normalised().hasWin32Volume()) {
                out.add(candidate);
            }
        }
        return out;
    }

    int size() {
        return byService.size();
    }

    private void unregister(String lowerName) {
        ServiceImage old = byService.remove(lowerName);
        if (old != null) {
            removeFrom(byKey, old.normalised().key(), old);
            removeFrom(byPath, old.normalised().path(), old);
        }
    }

    private static void removeFrom(Map<String, List<ServiceImage>> map, String key, ServiceImage image) {
        List<ServiceImage> list = map.get(key);
        if (list != null) {
            list.remove(image);
            if (list.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
