package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseMatchesTest {
    private static final List<String> KNOWN = List.of("Microsoft-Windows-Kernel-Process",
            "Microsoft-Windows-Kernel-Processor-Power", "Microsoft-Windows-Kernel-File",
            "Microsoft-Windows-DotNETRuntime", "Microsoft-Windows-DotNETRuntimeRundown", "MSNT_SystemTrace");

    @Test
    void aTypoFindsTheNameFirst() {
        assertThat(CloseMatches.of("Microsoft-Windows-Kernel-Proces", KNOWN, 5))
                .startsWith("Microsoft-Windows-Kernel-Process");
        assertThat(CloseMatches.of("Microsoft-Windows-Kernl-Process", KNOWN, 5))
                .startsWith("Microsoft-Windows-Kernel-Process");
    }

    @Test
    void caseAndSeparatorsDoNotCount() {
        assertThat(CloseMatches.of("microsoft windows dotnet runtime", KNOWN, 1))
                .containsExactly("Microsoft-Windows-DotNETRuntime");
    }

    @Test
    void aFragmentFindsTheNamesContainingItShortestFirst() {
        assertThat(CloseMatches.of("Kernel-Process", KNOWN, 5))
                .containsExactly("Microsoft-Windows-Kernel-Process", "Microsoft-Windows-Kernel-Processor-Power");
        assertThat(CloseMatches.of("dotnetruntime", KNOWN, 5))
                .containsExactly("Microsoft-Windows-DotNETRuntime", "Microsoft-Windows-DotNETRuntimeRundown");
    }

    @Test
    void nothingCloseGivesNothing() {
        assertThat(CloseMatches.of("Contoso-Orders", KNOWN, 5)).isEmpty();
        assertThat(CloseMatches.of("", KNOWN, 5)).isEmpty();
        assertThat(CloseMatches.of("---", KNOWN, 5)).isEmpty();
        assertThat(CloseMatches.of("Microsoft-Windows-Kernel-Process", List.of(), 5)).isEmpty();
    }

    @Test
    void atMostMaxBestFirst() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("Contoso-Provider-" + i);
        }
        assertThat(CloseMatches.of("Contoso-Provider-", many, 3)).hasSize(3)
                .containsExactly("Contoso-Provider-0", "Contoso-Provider-1", "Contoso-Provider-2");
    }

    @Test
    void aHugeNameIsComparedByContainmentOnly() {
        String huge = "x".repeat(100_000) + "MSNT_SystemTrace";
        assertThat(CloseMatches.of(huge, KNOWN, 5)).containsExactly("MSNT_SystemTrace");
    }

    @Test
    void theDistanceIsLevenshteinBoundedByTheLimit() {
        assertThat(CloseMatches.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(CloseMatches.distance("kitten", "sitting", 2)).isEqualTo(3);
        assertThat(CloseMatches.distance("abc", "abc", 0)).isZero();
        assertThat(CloseMatches.distance("", "abcd", 2)).isEqualTo(3);
    }
}
