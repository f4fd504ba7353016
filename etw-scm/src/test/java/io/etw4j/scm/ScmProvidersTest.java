package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.session.Provider;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.services.ServicesProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScmProvidersTest {

    @Test
    void theIdentitiesAgreeWithTheDecodersProviders() {
        assertThat(ScmProviders.SCM_WPP_CONTROL_GUID)
                .isEqualTo(UUID.fromString(ScmProviders.SCM_WPP_CONTROL_GUID_TEXT.replaceAll("[{}]", "")));
        assertThat(ScmProviders.SERVICES_GUID).isEqualTo(ServicesProvider.GUID);
        assertThat(ScmProviders.KERNEL_PROCESS_GUID).isEqualTo(KernelProcessProvider.GUID);
        assertThat(ScmProviders.SERVICES_KEYWORDS).isEqualTo(ServicesProvider.KEYWORD_PERFORMANCE
                | ServicesProvider.KEYWORD_CONTROL | ServicesProvider.KEYWORD_CONFIG_CHANGE
                | ServicesProvider.KEYWORD_SERVICE_START).isEqualTo(0x710000L);
        assertThat(ScmProviders.KERNEL_PROCESS_KEYWORDS)
                .isEqualTo(KernelProcessProvider.KEYWORD_PROCESS | KernelProcessProvider.KEYWORD_IMAGE);
    }

    @Test
    void theProvidersAreEnabledAsTheMonitorDocumentsThem() {
        Provider wpp = ScmProviders.scmWpp();
        assertThat(wpp.id()).isEqualTo(ScmProviders.SCM_WPP_CONTROL_GUID);
        assertThat(wpp.traceLevel()).isEqualTo(TraceLevel.ALL);
        assertThat(wpp.anyKeywords()).isEqualTo(0xFFFF_FFFFL);
        assertThat(wpp.anyKeywords() & ScmProviders.SCM_WPP_FLAG_SERVICE_CONFIG).isNotZero();
        assertThat(wpp.processStartKeyRequested()).isFalse();

        Provider services = ScmProviders.services();
        assertThat(services.id()).isEqualTo(ScmProviders.SERVICES_GUID);
        assertThat(services.traceLevel()).isEqualTo(TraceLevel.VERBOSE);
        assertThat(services.anyKeywords()).isEqualTo(ScmProviders.SERVICES_KEYWORDS);
        assertThat(services.processStartKeyRequested()).isTrue();

        Provider kernel = ScmProviders.kernelProcess();
        assertThat(kernel.id()).isEqualTo(ScmProviders.KERNEL_PROCESS_GUID);
        assertThat(kernel.traceLevel()).isEqualTo(TraceLevel.INFORMATION);
        assertThat(kernel.anyKeywords()).isEqualTo(0x50L);
        assertThat(kernel.processStartKeyRequested()).isTrue();

        assertThat(ScmProviders.all()).containsExactly(wpp, services, kernel);
    }
}
