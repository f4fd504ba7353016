package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass segment cleaning of {@link ImagePathNormaliser} against the split-and-join it replaced (kept here as
 * the oracle), and the memo of forms: a path normalised again gives the form worked out the first time.
 */
class ImagePathCleanTest {
    /** The code before the one-pass version, verbatim. */
    private static String splitAndJoin(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : path.split("\\\\")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        return "\\" + String.join("\\", out);
    }

    @Test
    void cleaningIsTheSplitAndJoinItReplaced() {
        String[] fixed = {"", "\\", "\\\\", "a", "\\a", "a\\", "\\a\\b", "..", "\\..", "\\a\\..\\..\\b", ".\\.\\a",
            "\\a\\.\\b\\..\\c\\", "...", "\\...\\..", "\\a\\\\\\b", "..\\..\\x.sys", "\\windows\\system32\\drivers\\x.sys"};
        for (String s : fixed) {
            assertThat(ImagePathNormaliser.clean(s)).as(s).isEqualTo(splitAndJoin(s));
        }
        Random random = new Random(6);
        char[] alphabet = {'\\', '\\', '.', '.', 'a', 'b', 'x', ' ', '/', ':'};
        for (int i = 0; i < 200_000; i++) {
            char[] c = new char[random.nextInt(14)];
            for (int k = 0; k < c.length; k++) {
                c[k] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(c);
            assertThat(ImagePathNormaliser.clean(s)).as(s).isEqualTo(splitAndJoin(s));
        }
    }

    @Test
    void aRememberedFormIsTheOneWorkedOutAgain() {
        ImagePathNormaliser memo = new ImagePathNormaliser("C:\\Windows", Map.of("\\Device\\HarddiskVolume3", "C:"));
        Random random = new Random(7);
        String[] shapes = {"\\SystemRoot\\system32\\drivers\\%s.sys", "\\??\\C:\\Temp\\%s.sys", "system32\\%s.sys",
            "\\Device\\HarddiskVolume3\\x\\..\\%s.sys", "\"C:\\Program Files\\%s.exe\" -k", "\\\\srv\\share\\%s"};
        for (int i = 0; i < 3 * ImagePathNormaliser.MEMO_SIZE; i++) {
            String raw = String.format(shapes[random.nextInt(shapes.length)], "d" + random.nextInt(1500));
            ImagePathNormaliser fresh = new ImagePathNormaliser("C:\\Windows",
                    Map.of("\\Device\\HarddiskVolume3", "C:"));
            assertThat(memo.normalise(raw)).as(raw).isEqualTo(fresh.normalise(raw));
            assertThat(memo.normalise(new String(raw))).as(raw).isEqualTo(fresh.normalise(raw));
        }
        String longPath = "C:\\" + "a\\".repeat(ImagePathNormaliser.MEMO_MAX_CHARS) + "x.sys";
        assertThat(memo.normalise(longPath)).isEqualTo(ImagePathNormaliser.defaults().normalise(longPath));
    }
}
