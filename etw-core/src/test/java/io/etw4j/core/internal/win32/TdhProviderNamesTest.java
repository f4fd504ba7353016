package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.UnknownProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link TdhProviderNames} over a Java stand-in for tdh.dll ({@link Tdh} is an interface): each call's
 * arguments are recorded as TDH would see them (the buffer pointer, the ULONG behind pBufferSize on entry), and the
 * stand-in answers as learn.microsoft.com "TdhEnumerateProviders function (tdh.h)" describes. This proves the
 * grow-and-retry protocol and the error handling; it does not call Windows.
 */
class TdhProviderNamesTest {
    private static final UUID KERNEL_PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    private static final UUID DOTNET_RUNTIME = UUID.fromString("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4");

    /** One call as TDH saw it. */
    record Call(boolean nullBuffer, int sizeOnEntry) {
    }

    /** Answers from the current image; {@link #grow} makes the image bigger between calls. */
    static class ScriptedTdh implements Tdh {
        final List<Call> calls = new ArrayList<>();
        byte[] image;
        /** Status for a call number (1-based) that would otherwise succeed or say insufficient; 0 = as documented. */
        IntUnaryOperator override = n -> 0;
        /** Replaces the image before the given call number answers (providers registering meanwhile). */
        int growBeforeCall = -1;
        byte[] grown;
        /** What *pBufferSize is set to on success (-1: the image size, as documented). */
        int reportedUsed = -1;

        ScriptedTdh(byte[] image) {
            this.image = image;
        }

        @Override
        public int TdhEnumerateProviders(Pointer pBuffer, IntByReference pBufferSize) {
            int size = pBufferSize.getValue();
            calls.add(new Call(pBuffer == null, size));
            int n = calls.size();
            if (n == growBeforeCall) {
                image = grown;
            }
            int forced = override.applyAsInt(n);
            if (forced != 0) {
                if (forced == ERROR_INSUFFICIENT_BUFFER) {
                    pBufferSize.setValue(image.length);
                }
                return forced;
            }
            if (pBuffer == null || Integer.toUnsignedLong(size) < image.length) {
                pBufferSize.setValue(image.length);
                return ERROR_INSUFFICIENT_BUFFER;
            }
            pBuffer.write(0, image, 0, image.length);
            pBufferSize.setValue(reportedUsed >= 0 ? reportedUsed : image.length);
            return ERROR_SUCCESS;
        }

        /** Not called by the provider listing. */
        @Override
        public int TdhGetEventInformation(Pointer event, int count, Pointer context, Pointer buffer,
                IntByReference size) {
            throw new UnsupportedOperationException("TdhGetEventInformation");
        }

        /** Not called by the provider listing. */
        @Override
        public int TdhGetEventMapInformation(Pointer event, Pointer mapName, Pointer buffer, IntByReference size) {
            throw new UnsupportedOperationException("TdhGetEventMapInformation");
        }
    }

    private static byte[] twoProviders() {
        return new ProviderEnumerationImage()
                .add(KERNEL_PROCESS.toString(), 0, "Microsoft-Windows-Kernel-Process")
                .add(DOTNET_RUNTIME.toString(), 0, "Microsoft-Windows-DotNETRuntime").bytes();
    }

    @Test
    void asksTheSizeWithNoBufferThenCallsOnceWithABufferOfThatSize() {
        byte[] image = twoProviders();
        ScriptedTdh tdh = new ScriptedTdh(image);
        TdhProviderNames names = new TdhProviderNames(tdh);

        assertThat(names.find("Microsoft-Windows-Kernel-Process")).contains(KERNEL_PROCESS);
        assertThat(tdh.calls).containsExactly(new Call(true, 0), new Call(false, image.length));
    }

    @Test
    void enumeratesOnceForTheLifeOfTheInstanceAndNotBeforeTheFirstLookUp() {
        ScriptedTdh tdh = new ScriptedTdh(twoProviders());
        TdhProviderNames names = new TdhProviderNames(tdh);
        assertThat(tdh.calls).isEmpty();
        assertThat(names).hasToString("TdhEnumerateProviders (not enumerated yet)");

        names.find("Microsoft-Windows-DotNETRuntime");
        names.find("nope");
        names.all();

        assertThat(tdh.calls).hasSize(2);
        assertThat(names).hasToString("TdhEnumerateProviders (2 providers registered on this host)");
    }

    @Test
    void namesMatchWithoutRegardToCaseAndAllIsSortedThatWay() {
        TdhProviderNames names = new TdhProviderNames(new ScriptedTdh(twoProviders()));

        assertThat(names.find("microsoft-windows-kernel-process")).contains(KERNEL_PROCESS);
        assertThat(names.find("MICROSOFT-WINDOWS-DOTNETRUNTIME")).contains(DOTNET_RUNTIME);
        assertThat(names.find("Microsoft-Windows-Kernel-Proces")).isEmpty();
        assertThat(names.all().keySet())
                .containsExactly("Microsoft-Windows-DotNETRuntime", "Microsoft-Windows-Kernel-Process");
        assertThatThrownBy(() -> names.all().put("x", KERNEL_PROCESS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void growsAndRetriesWhileProvidersRegisterBetweenCalls() {
        byte[] small = twoProviders();
        byte[] bigger = new ProviderEnumerationImage()
                .add(KERNEL_PROCESS.toString(), 0, "Microsoft-Windows-Kernel-Process")
                .add(DOTNET_RUNTIME.toString(), 0, "Microsoft-Windows-DotNETRuntime")
                .add("11111111-2222-3333-4444-555555555555", 0, "Contoso-Late-Registration").bytes();
        ScriptedTdh tdh = new ScriptedTdh(small);
        tdh.growBeforeCall = 2;
        tdh.grown = bigger;

        TdhProviderNames names = new TdhProviderNames(tdh);

        assertThat(names.find("contoso-late-registration"))
                .contains(UUID.fromString("11111111-2222-3333-4444-555555555555"));
        assertThat(tdh.calls).containsExactly(new Call(true, 0), new Call(false, small.length),
                new Call(false, bigger.length));
    }

    @Test
    void aSizeNeededNoLargerThanTheRefusedBufferDoublesIt() {
        byte[] image = twoProviders();
        ScriptedTdh tdh = new ScriptedTdh(image);
        tdh.override = n -> n == 2 ? Tdh.ERROR_INSUFFICIENT_BUFFER : 0; // refuses the right size once

        new TdhProviderNames(tdh).all();

        assertThat(tdh.calls).containsExactly(new Call(true, 0), new Call(false, image.length),
                new Call(false, Math.max(image.length * 2, 4096)));
    }

    @Test
    void givesUpWithERROR_INSUFFICIENT_BUFFERAfterTheBoundedNumberOfCalls() {
        ScriptedTdh tdh = new ScriptedTdh(twoProviders());
        tdh.override = n -> Tdh.ERROR_INSUFFICIENT_BUFFER;
        TdhProviderNames names = new TdhProviderNames(tdh);

        assertThatThrownBy(() -> names.find("x")).isExactlyInstanceOf(EtwCallException.class)
                .hasMessageContaining("TdhEnumerateProviders failed: 0x7a ERROR_INSUFFICIENT_BUFFER")
                .hasMessageContaining("the size needed kept growing over " + TdhProviderNames.MAX_CALLS + " calls");
        assertThat(tdh.calls).hasSize(TdhProviderNames.MAX_CALLS);
    }

    @Test
    void refusesToAllocateMoreThanTheBound() {
        ScriptedTdh tdh = new ScriptedTdh(new byte[0]) {
            @Override
            public int TdhEnumerateProviders(Pointer pBuffer, IntByReference pBufferSize) {
                calls.add(new Call(pBuffer == null, pBufferSize.getValue()));
                pBufferSize.setValue(0x7FFF_FFFF + 1); // 2 GiB as a ULONG
                return ERROR_INSUFFICIENT_BUFFER;
            }
        };

        assertThatThrownBy(() -> new TdhProviderNames(tdh).all()).isExactlyInstanceOf(EtwCallException.class)
                .hasMessageContaining("asked for 2147483648 bytes, more than the " + TdhProviderNames.MAX_BYTES);
        assertThat(tdh.calls).hasSize(1);
    }

    @Test
    void anyOtherStatusIsAnEtwCallExceptionNamingTheCode() {
        ScriptedTdh tdh = new ScriptedTdh(twoProviders());
        tdh.override = n -> n == 2 ? 87 : 0; // ERROR_INVALID_PARAMETER
        TdhProviderNames names = new TdhProviderNames(tdh);

        assertThatThrownBy(() -> names.find("x")).isExactlyInstanceOf(EtwCallException.class)
                .hasMessageStartingWith("TdhEnumerateProviders failed: 0x57 ERROR_INVALID_PARAMETER"
                        + " (listing the registered providers)")
                .hasMessageContaining("etw4j bug")
                .satisfies(e -> assertThat(((EtwCallException) e).errorCode()).isEqualTo(87));
    }

    @Test
    void theSizeUsedLimitsWhatIsReadAndAnUnbelievableOneIsIgnored() {
        byte[] image = twoProviders();
        ScriptedTdh cut = new ScriptedTdh(image);
        cut.reportedUsed = image.length - 2; // the last name's NUL is outside what TDH says it used
        assertThatThrownBy(() -> new TdhProviderNames(cut).all()).isExactlyInstanceOf(EtwException.class)
                .hasMessageContaining("has no NUL before the end of the buffer");

        for (int bogus : new int[] {0, image.length + 1000, -1}) {
            ScriptedTdh tdh = new ScriptedTdh(image);
            tdh.reportedUsed = bogus == -1 ? Integer.MAX_VALUE : bogus;
            assertThat(new TdhProviderNames(tdh).all()).as("used %d", bogus).hasSize(2);
        }
    }

    @Test
    void successWithoutABufferMeansNoProviders() {
        List<Call> seen = new ArrayList<>();
        Tdh empty = new ScriptedTdh(new byte[0]) {
            @Override
            public int TdhEnumerateProviders(Pointer buffer, IntByReference size) {
                seen.add(new Call(buffer == null, size.getValue()));
                return Tdh.ERROR_SUCCESS;
            }
        };
        TdhProviderNames names = new TdhProviderNames(empty);

        assertThat(names.all()).isEmpty();
        assertThat(seen).containsExactly(new Call(true, 0));
    }

    @Test
    void aNameListedTwiceResolvesToTheFirstAndEmptyNamesAreSkipped() {
        byte[] image = new ProviderEnumerationImage()
                .add(KERNEL_PROCESS.toString(), 0, "Contoso-Twice")
                .add(DOTNET_RUNTIME.toString(), 1, "CONTOSO-TWICE")
                .add("11111111-2222-3333-4444-555555555555", 0, "").bytes();
        TdhProviderNames names = new TdhProviderNames(new ScriptedTdh(image));

        assertThat(names.find("contoso-twice")).contains(KERNEL_PROCESS);
        assertThat(names.all()).containsOnlyKeys("Contoso-Twice");
    }

    @Test
    void aMalformedAnswerIsAnEtwExceptionNotAnIndexError() {
        byte[] image = twoProviders();
        ProviderEnumerationImage.le(image).putInt(0, 1000);
        TdhProviderNames names = new TdhProviderNames(new ScriptedTdh(image));

        assertThatThrownBy(() -> names.find("x")).isExactlyInstanceOf(EtwException.class)
                .hasMessageContaining("malformed PROVIDER_ENUMERATION_INFO");
    }

    @Test
    void providerNamedOverTheLiveSourceListsCloseMatchesOfTheRegisteredNames() {
        TdhProviderNames names = new TdhProviderNames(new ScriptedTdh(twoProviders()));

        assertThat(Provider.named("microsoft-windows-kernel-process", names).id()).isEqualTo(KERNEL_PROCESS);
        assertThatThrownBy(() -> Provider.named("Microsoft-Windows-Kernel-Proces", names))
                .isExactlyInstanceOf(UnknownProviderException.class)
                .hasMessage("no ETW provider named 'Microsoft-Windows-Kernel-Proces' in TdhEnumerateProviders"
                        + " (2 providers registered on this host); close matches: Microsoft-Windows-Kernel-Process");
    }

    @Test
    void theLoaderRefusesOffWindowsWithATypedError() {
        assertThatThrownBy(() -> TdhLoader.load(false))
                .isExactlyInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("ProviderNames.live() (tdh.dll TdhEnumerateProviders")
                .hasMessageContaining("needs Windows");
    }

    @Test
    void liveOnThisNonWindowsJvmThrowsUnsupportedPlatformBeforeLoadingTdh() {
        assumeFalse(Platform.isWindows(), "only meaningful off Windows");
        assertThatThrownBy(ProviderNames::live).isExactlyInstanceOf(UnsupportedPlatformException.class)
                .hasMessageStartingWith("ProviderNames.live() (tdh.dll TdhEnumerateProviders; without Windows, name"
                        + " providers with ProviderNames.of, ProviderNames.eventSource() or etw-decode's"
                        + " ManifestSchemas.providerNames()) needs Windows; this JVM runs on '");
        assertThatThrownBy(() -> Provider.named("Microsoft-Windows-Kernel-Process"))
                .isExactlyInstanceOf(UnsupportedPlatformException.class);
    }
}
