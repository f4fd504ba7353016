package io.etw4j.scm;

import java.util.Objects;

/**
 * A service's image path (its binary, for a driver its .sys file) and where etw4j learned it. Immutable.
 *
 * <p>On the Windows build of the article "使用ETW监控冒个进程创建和启动服务以及加载驱动程序" (anquanke.com, post 241806),
 * the SCM WPP create message carries the path; current builds log no path, so
 * etw4j fills it from the other sources it has, in this order of preference: the registry (live sessions only), the
 * paths the user supplied, Microsoft-Windows-Services, and a driver load joined to the service. The origin says which,
 * so that a detection rule can weigh it: only {@link Origin#WPP_PAYLOAD} is the path the client passed to
 * CreateService; the others are what the service's ImagePath was when etw4j looked.
 *
 * @param path   the path as the source gave it (not normalised)
 * @param origin where it came from
 */
public record ServiceImagePath(String path, Origin origin) {

    /** Where an image path came from. */
    public enum Origin {
        /**
         * The SCM WPP create message itself (the client's lpBinaryPathName; the published article's layout,
         * {@link io.etw4j.scm.Evidence#PUBLISHED_ARTICLE}).
         */
        WPP_PAYLOAD,
        /**
         * The service's registry value HKLM\SYSTEM\CurrentControlSet\Services\&lt;name&gt;\ImagePath, read on the live
         * host when the create was processed (the SCM writes the key right after it logs the create message).
         */
        REGISTRY,
        /** Supplied by the user ({@code ScmMonitorBuilder.knownServiceImages}). */
        CONFIGURED,
        /** The ImageName of a Microsoft-Windows-Services status-change event (105) of the service. */
        SERVICES_PROVIDER,
        /**
         * A kernel image load joined to a start of the service by its file name ({@code <service>.sys}) within the
         * join window: the weakest origin.
         */
        DRIVER_LOAD
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param path the path as the source gave it (not normalised)
     * @param origin where it came from
     */
    public ServiceImagePath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an image path is not empty");
        }
    }
}
