package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.etl.EtlFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Real TraceLogging captures ({@code ../shared/etl}, see its README): every TraceLogging event decodes through
 * {@link EventDecoder} with the {@link TraceLoggingSchemas} source and zero field errors, and the values read from the
 * files' bytes (hex dump of the records' EVENT_SCHEMA_TL / PROV_TRAITS items and payloads) come out. Skipped, with
 * the reason, when the shared folder is not beside the checkout.
 */
class TraceLoggingCapturesTest {
    static final Path ETL = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/etl");

    static List<DecodedEvent> decodeTraceLogging(String file) {
        Path p = ETL.resolve(file);
        assumeTrue(Files.isReadable(p), "capture not present: " + p);
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).build();
        List<EventRecord> tl = EtlFile.open(p).records()
                .filter(r -> r.findExtendedData(ExtendedDataItem.EVENT_SCHEMA_TL).isPresent())
                .collectList().block();
        return tl.stream().map(decoder::decode).toList();
    }

    @Test
    void amsiTraceEveryEventDecodesWithoutErrors() {
        List<DecodedEvent> events = decodeTraceLogging("AMSITrace.etl");

        // 21 records in the file: the logfile header, one SYSTEM record, 19 TraceLogging events (all EVENT_SCHEMA_TL)
        assertThat(events).hasSize(19);
        for (DecodedEvent e : events) {
            assertThat(e.isDecoded()).isTrue();
            assertThat(e.errors()).as("%s", e.record()).isEmpty();
            // PROV_TRAITS "0c00 416d736954726163 6500": size 12, "AmsiTrace"
            assertThat(e.providerName()).contains("AmsiTrace");
            // EVENT_SCHEMA_TL: size 0x2b, tag 00, "AmsiScript", fields Engine (01 UNICODESTRING), Script (01),
            // "Raw Script" (c6 = chain | vcount | UINT16, out 02 = TlgOutSTRING: a WCHAR array)
            assertThat(e.eventName()).contains("AmsiScript");
            assertThat(e.fields().keySet()).containsExactly("Engine", "Script", "Raw Script");
            assertThat(e.record().providerId()).isEqualTo(UUID.fromString("8e805eb3-6a8f-4a1e-90fa-a831d94e54a1"));
            // the counted WCHAR array repeats the script: both are the same text in the payload
            assertThat(e.field("Raw Script")).isEqualTo(e.field("Script"));
        }
        // record 4 of the file: Engine UTF-16 "PowerShell_C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe_
        // 10.0.18362.1", Script "$global:?", then UINT16 count 0x0009 and the 9 WCHARs of "$global:?"
        assertThat(events.get(1).fields()).containsEntry("Engine",
                "PowerShell_C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe_10.0.18362.1")
                .containsEntry("Script", "$global:?").containsEntry("Raw Script", "$global:?");
        // a VBScript scan: payload starts "56004200530063007200690070007400 0000" = "VBScript"
        assertThat(events).anySatisfy(e -> assertThat(e.fields()).containsEntry("Engine", "VBScript")
                .containsEntry("Script", "msgbox \"Is VBScript Dead?\"\r\n"));
        assertThat(events.stream().filter(e -> "VBScript".equals(e.fields().get("Engine"))).count()).isEqualTo(4);
    }

    @Test
    void lxcoreEveryEventDecodesWithoutErrors() {
        List<DecodedEvent> events = decodeTraceLogging("lxcore_kernel.etl");

        assertThat(events).hasSize(2);
        for (DecodedEvent e : events) {
            assertThat(e.errors()).as("%s", e.record()).isEmpty();
            // PROV_TRAITS: size 0x38, "Microsoft.Windows.Subsystem.LxCore", then a group trait
            assertThat(e.providerName()).contains("Microsoft.Windows.Subsystem.LxCore");
            // EVENT_SCHEMA_TL: size 0x64, tag bytes 80 00 (chained), "BreakPoint", then 9 fields
            assertThat(e.eventName()).contains("BreakPoint");
            assertThat(e.fields().keySet()).containsExactly("ErrorLevel", "instanceId", "LxPid", "LxTid", "LxNs",
                    "ExecutablePath", "Function", "Line", "Message");
            // payload: 02, a zero GUID, ffffffff ffffffff (LxPid/LxTid INT32 -1), 00000000, 0000 (empty counted string)
            assertThat(e.fields()).containsEntry("ErrorLevel", 2L).containsEntry("instanceId", new UUID(0, 0))
                    .containsEntry("LxPid", -1L).containsEntry("LxTid", -1L).containsEntry("LxNs", 0L)
                    .containsEntry("ExecutablePath", "");
        }
        // first record: "LxpInstanceStart\0", Line 0x00000a63 = 2659, "[0xc0000034] LxpInstanceInitialize\n\0"
        assertThat(events.get(0).fields()).containsEntry("Function", "LxpInstanceStart").containsEntry("Line", 2659L)
                .containsEntry("Message", "[0xc0000034] LxpInstanceInitialize\n");
        // second: "LxpDrvFsTypeMount\0", Line 0x2920 = 10528
        assertThat(events.get(1).fields()).containsEntry("Function", "LxpDrvFsTypeMount")
                .containsEntry("Line", 10528L).containsEntry("Message",
                        "Failed to open volume C:\\WINDOWS\\system32\\lxss\\tools, result -2\n");
    }
}
