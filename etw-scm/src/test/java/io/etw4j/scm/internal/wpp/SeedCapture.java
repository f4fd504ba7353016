package io.etw4j.scm.internal.wpp;

import java.util.HexFormat;

/**
 * Test fixture: the seed article's capture of SCM WPP message 0x28 (../shared/seed/scm-etw-article.md), rebuilt byte
 * by byte: the service name as UTF-16LE with its NUL ("evilsvc": the article does not show its name, any name works),
 * the client PID {@code e4 0d 00 00}, then the image path as UTF-16LE with its NUL ("C:\drv\evil.sys", likewise a
 * stand-in). The article says "00000de4 == 3356": the bytes say 0x0DE4 = 3556, which is what tests expect.
 */
public final class SeedCapture {
    /** The payload (UserData) of the 0x28 record. */
    public static final byte[] PAYLOAD = HexFormat.of().parseHex(
            "6500760069006c00730076006300" + "0000" //                              "evilsvc" + NUL
            + "e40d0000" //                                                            PID 0x0DE4 = 3556
            + "43003a005c006400720076005c006500760069006c002e00730079007300" + "0000"); // "C:\drv\evil.sys" + NUL
    /** The PID the bytes e4 0d 00 00 encode (the article's "3356" is an arithmetic slip). */
    public static final int CLIENT_PID = 3556;

    private SeedCapture() {
    }

    /** A copy of {@link #PAYLOAD}. */
    public static byte[] payload() {
        return PAYLOAD.clone();
    }
}
