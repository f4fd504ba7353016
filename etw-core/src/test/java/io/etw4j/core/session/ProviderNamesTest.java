package io.etw4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EtwException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ProviderNames} sources that work on any OS, and {@link Provider#named(String, ProviderNames)} over them. */
class ProviderNamesTest {
    private static final UUID KERNEL_PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    private static final UUID KERNEL_FILE = UUID.fromString("edd08927-9cc4-4e65-b970-c2560fb5c289");
    private static final UUID DOTNET_RUNTIME = UUID.fromString("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4");

    private static ProviderNames table() {
        Map<String, UUID> m = new LinkedHashMap<>();
        m.put("Microsoft-Windows-Kernel-Process", KERNEL_PROCESS);
        m.put("Microsoft-Windows-Kernel-File", KERNEL_FILE);
        m.put("Microsoft-Windows-DotNETRuntime", DOTNET_RUNTIME);
        return ProviderNames.of(m);
    }

    @Test
    void ofFindsNamesWithoutRegardToCase() {
        ProviderNames names = table();
        assertThat(names.find("Microsoft-Windows-Kernel-Process")).contains(KERNEL_PROCESS);
        assertThat(names.find("microsoft-windows-kernel-process")).contains(KERNEL_PROCESS);
        assertThat(names.find("MICROSOFT-WINDOWS-DOTNETRUNTIME")).contains(DOTNET_RUNTIME);
        assertThat(names.find("Microsoft-Windows-Kernel")).isEmpty();
        assertThat(names.find("")).isEmpty();
        assertThatThrownBy(() -> names.find(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ofListsItsNamesSortedWithoutRegardToCaseReadOnly() {
        Map<String, UUID> all = table().all();
        assertThat(all.keySet()).containsExactly("Microsoft-Windows-DotNETRuntime", "Microsoft-Windows-Kernel-File",
                "Microsoft-Windows-Kernel-Process");
        assertThatThrownBy(() -> all.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofCopiesItsArgument() {
        Map<String, UUID> m = new HashMap<>(Map.of("Contoso-A", KERNEL_PROCESS));
        ProviderNames names = ProviderNames.of(m);
        m.put("Contoso-B", KERNEL_FILE);
        assertThat(names.find("Contoso-B")).isEmpty();
    }

    @Test
    void ofRefusesAmbiguousEmptyAndNullEntries() {
        Map<String, UUID> ambiguous = new LinkedHashMap<>();
        ambiguous.put("Contoso-A", KERNEL_PROCESS);
        ambiguous.put("CONTOSO-A", KERNEL_FILE);
        assertThatThrownBy(() -> ProviderNames.of(ambiguous)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider name 'CONTOSO-A' is given twice (ignoring case) with different GUIDs: "
                        + KERNEL_PROCESS + " and " + KERNEL_FILE);
        Map<String, UUID> sameTwice = new LinkedHashMap<>();
        sameTwice.put("Contoso-A", KERNEL_PROCESS);
        sameTwice.put("contoso-a", KERNEL_PROCESS);
        assertThat(ProviderNames.of(sameTwice).all()).containsOnlyKeys("Contoso-A");

        assertThatThrownBy(() -> ProviderNames.of(Map.of("", KERNEL_PROCESS)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        Map<String, UUID> nullGuid = new HashMap<>();
        nullGuid.put("Contoso-A", null);
        assertThatThrownBy(() -> ProviderNames.of(nullGuid)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ProviderNames.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eventSourceDerivesAGuidForAnyNameAndListsNone() {
        ProviderNames es = ProviderNames.eventSource();
        assertThat(es.find("System.Runtime")).contains(UUID.fromString("49592c0f-5a05-516d-aa4b-a64e02026c89"));
        assertThat(es.find("SYSTEM.RUNTIME")).isEqualTo(es.find("System.Runtime"));
        assertThat(es.find("")).isEmpty();
        assertThat(es.all()).isEmpty();
    }

    @Test
    void orElseAsksTheFirstSourceFirst() {
        ProviderNames chain = table().orElse(ProviderNames.eventSource());
        assertThat(chain.find("microsoft-windows-dotnetruntime")).as("the manifest GUID, not the hash")
                .contains(DOTNET_RUNTIME);
        assertThat(chain.find("System.Runtime")).contains(UUID.fromString("49592c0f-5a05-516d-aa4b-a64e02026c89"));
        assertThat(chain.all()).hasSize(3);
    }

    @Test
    void orElseListsBothSourcesTheFirstWinning() {
        ProviderNames first = ProviderNames.of(Map.of("Contoso-A", KERNEL_PROCESS));
        ProviderNames second = ProviderNames.of(Map.of("contoso-a", KERNEL_FILE, "Contoso-B", DOTNET_RUNTIME));
        ProviderNames chain = first.orElse(second);
        assertThat(chain.all()).containsExactly(Map.entry("Contoso-A", KERNEL_PROCESS),
                Map.entry("Contoso-B", DOTNET_RUNTIME));
        assertThat(chain.find("CONTOSO-B")).contains(DOTNET_RUNTIME);
        assertThat(chain).hasToString("ProviderNames.of (1 names), then ProviderNames.of (2 names)");
    }

    @Test
    void providerNamedGivesTheProviderWithTheDefaults() {
        Provider p = Provider.named("microsoft-windows-kernel-process", table());
        assertThat(p).isEqualTo(Provider.of(KERNEL_PROCESS));
    }

    @Test
    void anUnknownNameListsCloseMatchesBestFirst() {
        assertThatThrownBy(() -> Provider.named("Microsoft-Windows-Kernel-Proces", table()))
                .isExactlyInstanceOf(UnknownProviderException.class)
                .hasMessage("no ETW provider named 'Microsoft-Windows-Kernel-Proces' in ProviderNames.of (3 names);"
                        + " close matches: Microsoft-Windows-Kernel-Process, Microsoft-Windows-Kernel-File")
                .satisfies(e -> {
                    UnknownProviderException u = (UnknownProviderException) e;
                    assertThat(u.name()).isEqualTo("Microsoft-Windows-Kernel-Proces");
                    assertThat(u.closeMatches())
                            .containsExactly("Microsoft-Windows-Kernel-Process", "Microsoft-Windows-Kernel-File");
                })
                .isInstanceOf(EtwException.class);
    }

    @Test
    void anUnknownNameWithNothingCloseSaysSo() {
        assertThatThrownBy(() -> Provider.named("Contoso-Orders", table()))
                .isExactlyInstanceOf(UnknownProviderException.class)
                .hasMessage("no ETW provider named 'Contoso-Orders' in ProviderNames.of (3 names); no close match");
    }

    @Test
    void aHugeUnknownNameIsQuotedShortened() {
        String huge = "Contoso-" + "x".repeat(10_000);
        assertThatThrownBy(() -> Provider.named(huge, table())).isExactlyInstanceOf(UnknownProviderException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("xxx...'"))
                .satisfies(e -> assertThat(((UnknownProviderException) e).name()).isEqualTo(huge));
    }

    @Test
    void aSourceThatCannotListStillGivesTheUnknownNameError() {
        ProviderNames failingList = new ProviderNames() {
            @Override
            public Optional<UUID> find(String name) {
                return Optional.empty();
            }

            @Override
            public Map<String, UUID> all() {
                throw new EtwException("listing failed");
            }

            @Override
            public String toString() {
                return "a failing source";
            }
        };
        assertThatThrownBy(() -> Provider.named("Contoso-A", failingList))
                .isExactlyInstanceOf(UnknownProviderException.class)
                .hasMessage("no ETW provider named 'Contoso-A' in a failing source; no close match");
    }

    @Test
    void blankAndNullNamesAreRefusedBeforeAnyLookUp() {
        assertThatThrownBy(() -> Provider.named(" ", table())).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provider.named(null, table())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Provider.named(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Provider.named("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theExceptionCopiesItsMatches() {
        java.util.List<String> matches = new java.util.ArrayList<>(java.util.List.of("A"));
        UnknownProviderException e = new UnknownProviderException("B", matches, "somewhere");
        matches.add("C");
        assertThat(e.closeMatches()).containsExactly("A");
        assertThat(e).hasMessage("no ETW provider named 'B' in somewhere; close matches: A");
    }
}
