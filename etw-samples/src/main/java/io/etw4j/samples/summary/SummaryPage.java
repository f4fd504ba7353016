package io.etw4j.samples.summary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The summary as one self-contained HTML page: no request leaves it (inline CSS, inline SVG, one inline script, a
 * Content-Security-Policy of {@code default-src 'none'} that allows only that script, by its SHA-256), so it can be
 * mailed or opened offline. It shows
 * <ul>
 *   <li>a timeline of events over time, one row ({@code g.lane.provider-lane}) per provider, the records per time
 *       bin as bars ({@code rect.bin});</li>
 *   <li>when SCM acts are given, one lane ({@code g.lane.scm-lane}) per client process, each act a mark
 *       ({@code g.mark}) labelled with its service name;</li>
 *   <li>the table of {@link SummaryTable}.</li>
 * </ul>
 * The picture is drawn here, as SVG; the script only checks it and says so: it sets {@code data-lanes},
 * {@code data-marks} and {@code data-rendered="true"} on {@code body}, and writes any script error into
 * {@code pre#errors} (a test renders the page in a browser and reads them). Every input string is escaped
 * ({@link Html}). Stateless.
 */
public final class SummaryPage {
    static final int LABEL_WIDTH = 300;
    static final int PLOT_WIDTH = 800;
    static final int BINS = 180;
    static final int ROW = 22;
    static final int LANE = 44;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The page's script: checks the picture, counts lanes and marks, reports errors into the page. */
    static final String SCRIPT = String.join("\n",
            "(function () {",
            "  var errors = document.getElementById('errors');",
            "  function report(m) { errors.textContent += m + '\\n'; errors.hidden = false; }",
            "  window.addEventListener('error', function (e) { report('error: ' + e.message); });",
            "  try {",
            "    var lanes = document.querySelectorAll('g.lane').length;",
            "    var marks = document.querySelectorAll('g.mark').length;",
            "    document.querySelectorAll('g.mark').forEach(function (m) {",
            "      m.addEventListener('mouseenter', function () { m.classList.add('hover'); });",
            "      m.addEventListener('mouseleave', function () { m.classList.remove('hover'); });",
            "    });",
            "    document.body.setAttribute('data-lanes', String(lanes));",
            "    document.body.setAttribute('data-marks', String(marks));",
            "    document.body.setAttribute('data-rendered', 'true');",
            "  } catch (e) {",
            "    report('error: ' + e);",
            "  }",
            "})();");

    private static final String STYLE = String.join("\n",
            "body{font:13px system-ui,sans-serif;margin:16px;color:#222;background:#fff}",
            "h1{font-size:18px}h2{font-size:15px;margin-top:24px}",
            "svg text{font:11px system-ui,sans-serif;fill:#222}",
            ".axis line{stroke:#bbb}.axis text{fill:#666}",
            "rect.bin{fill:#3b6ea8}.lane-bg{fill:#f4f6f9}",
            "g.mark circle{fill:#c0392b;stroke:#fff}g.mark.hover circle{fill:#000}",
            "g.mark text{font-size:10px}",
            "table{border-collapse:collapse;margin-top:8px}td,th{border:1px solid #ddd;padding:2px 6px;"
                    + "text-align:left}td.n{text-align:right}",
            "pre#errors{color:#b00}");

    private SummaryPage() {
    }

    /**
     * {@return the page, UTF-8}
     *
     * @param title   what was summarised (file names), shown in the heading
     * @param summary the records' summary (may be empty: then no provider rows)
     * @param acts    the SCM acts (may be empty: then no SCM lanes)
     * @param top     PIDs shown per table row
     */
    public static byte[] render(String title, TraceSummary summary, ScmActs acts, int top) {
        long[] range = range(summary, acts);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src '").append(hash(SCRIPT)).append("'\">\n")
                .append("<title>etw4j summary: ").append(Html.text(title)).append("</title>\n<style>")
                .append(STYLE).append("</style></head>\n<body data-rendered=\"false\">\n")
                .append("<h1>etw4j summary: ").append(Html.text(title)).append("</h1>\n")
                .append("<pre id=\"errors\" hidden></pre>\n");
        if (range != null) {
            b.append("<p>").append(Html.text(Instant.ofEpochSecond(0, range[0]) + " to "
                    + Instant.ofEpochSecond(0, range[1]))).append(" (UTC); ").append(summary.records())
                    .append(" records, ").append(acts.count()).append(" SCM events</p>\n");
        }
        List<ProviderTimeline> timelines = summary.timelines();
        if (!timelines.isEmpty() && range != null) {
            b.append("<h2>Events over time, per provider</h2>\n");
            providers(b, timelines, range);
        }
        if (!acts.isEmpty() && range != null) {
            b.append("<h2>SCM acts, per client process</h2>\n");
            lanes(b, acts, range);
        }
        if (!summary.rows().isEmpty()) {
            b.append("<h2>Providers and events</h2>\n");
            table(b, summary, top);
        }
        b.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void providers(StringBuilder b, List<ProviderTimeline> timelines, long[] range) {
        int height = timelines.size() * ROW + 24;
        svgOpen(b, height);
        axis(b, range, height - 18);
        double binWidth = (double) PLOT_WIDTH / BINS;
        for (int i = 0; i < timelines.size(); i++) {
            ProviderTimeline t = timelines.get(i);
            int y = i * ROW;
            b.append("<g class=\"lane provider-lane\" data-count=\"").append(t.count()).append("\">")
                    .append("<title>").append(Html.text(t.label())).append(": ").append(t.count())
                    .append(" records</title>")
                    .append("<rect class=\"lane-bg\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                    .append("\" width=\"").append(PLOT_WIDTH).append("\" height=\"").append(ROW - 4).append("\"/>")
                    .append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(Html.text(cut(t.label(), 40)))
                    .append(" (").append(t.count()).append(")</text>");
            double[] h = t.histogram(range[0], range[1], BINS);
            double max = 0;
            for (double v : h) {
                max = Math.max(max, v);
            }
            for (int j = 0; j < BINS; j++) {
                if (h[j] <= 0) {
                    continue;
                }
                double barHeight = Math.max(1.5, (ROW - 4) * h[j] / max);
                b.append("<rect class=\"bin\" x=\"").append(fmt(LABEL_WIDTH + j * binWidth)).append("\" y=\"")
                        .append(fmt(y + ROW - 4 - barHeight)).append("\" width=\"").append(fmt(binWidth))
                        .append("\" height=\"").append(fmt(barHeight)).append("\"/>");
            }
            b.append("</g>\n");
        }
        b.append("</svg>\n");
    }

    private static void lanes(StringBuilder b, ScmActs acts, long[] range) {
        List<ScmActs.Lane> lanes = acts.lanes();
        int height = lanes.size() * LANE + 24;
        svgOpen(b, height);
        axis(b, range, height - 18);
        for (int i = 0; i < lanes.size(); i++) {
            ScmActs.Lane lane = lanes.get(i);
            int y = i * LANE;
            String who = (lane.pid() < 0 ? "unknown process" : "pid " + lane.pid())
                    + (lane.image().isEmpty() ? "" : " " + lane.image());
            b.append("<g class=\"lane scm-lane\" data-pid=\"").append(lane.pid()).append("\">")
                    .append("<rect class=\"lane-bg\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                    .append("\" width=\"").append(PLOT_WIDTH).append("\" height=\"").append(LANE - 6).append("\"/>")
                    .append("<text x=\"0\" y=\"").append(y + 22).append("\"><title>").append(Html.text(who))
                    .append("</title>").append(Html.text(cut(shortName(lane), 44))).append("</text>");
            int k = 0;
            for (ScmActs.Mark m : lane.marks()) {
                double x = x(ProviderTimeline.epochNanos(m.time()), range);
                int labelY = y + (k++ % 2 == 0 ? 12 : 34);
                b.append("<g class=\"mark\" data-kind=\"").append(Html.text(m.kind())).append("\"><title>")
                        .append(Html.text(m.kind() + " " + m.service() + " at " + m.time() + " by " + who))
                        .append("</title><circle cx=\"").append(fmt(x)).append("\" cy=\"").append(y + 19)
                        .append("\" r=\"5\"/><text x=\"").append(fmt(x + 6)).append("\" y=\"").append(labelY)
                        .append("\">").append(Html.text(cut(shortKind(m.kind()) + " " + m.service(), 36))).append("</text></g>");
            }
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        if (acts.notDrawn() > 0) {
            b.append("<p>").append(acts.notDrawn()).append(" more SCM events not drawn (more than ")
                    .append(ScmActs.MAX_MARKS).append(" marks or ").append(ScmActs.MAX_LANES)
                    .append(" processes)</p>\n");
        }
    }

    private static void table(StringBuilder b, TraceSummary s, int top) {
        b.append("<table><tr><th>provider</th><th>event</th><th>id</th><th>count</th><th>first</th><th>last</th>")
                .append("<th>pids</th><th>top pids</th></tr>\n");
        for (EventTally t : s.rows()) {
            b.append("<tr><td>").append(Html.text(s.label(t.provider()))).append("</td><td>")
                    .append(Html.text(t.eventName().orElse("-"))).append("</td><td class=\"n\">").append(t.eventId())
                    .append("</td><td class=\"n\">").append(t.count()).append("</td><td>")
                    .append(SummaryTable.time(t.first())).append("</td><td>").append(SummaryTable.time(t.last()))
                    .append("</td><td class=\"n\">").append(t.distinctPids()).append("</td><td>")
                    .append(SummaryTable.topPids(t, top)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void svgOpen(StringBuilder b, int height) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LABEL_WIDTH + PLOT_WIDTH + 160)
                .append("\" height=\"").append(height).append("\">\n");
    }

    private static void axis(StringBuilder b, long[] range, int y) {
        b.append("<g class=\"axis\">");
        for (int i = 0; i <= 4; i++) {
            double x = LABEL_WIDTH + PLOT_WIDTH * i / 4.0;
            long t = range[0] + (long) ((range[1] - range[0]) * (i / 4.0));
            b.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"0\" y2=\"")
                    .append(y).append("\"/><text x=\"").append(fmt(i == 4 ? x - 70 : x)).append("\" y=\"")
                    .append(y + 13).append("\">").append(TICK.format(Instant.ofEpochSecond(0, t))).append("</text>");
        }
        b.append("</g>\n");
    }

    private static double x(long t, long[] range) {
        double span = Math.max(1, range[1] - range[0]);
        return LABEL_WIDTH + PLOT_WIDTH * ((t - range[0]) / span);
    }

    /** The time range of the picture: all providers' records and all acts (epoch nanoseconds), or null. */
    private static long[] range(TraceSummary summary, ScmActs acts) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ProviderTimeline t : summary.timelines()) {
            long[] r = t.range();
            if (r != null) {
                min = Math.min(min, r[0]);
                max = Math.max(max, r[1]);
            }
        }
        for (ScmActs.Lane lane : acts.lanes()) {
            for (ScmActs.Mark m : lane.marks()) {
                long t = ProviderTimeline.epochNanos(m.time());
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        return min > max ? null : new long[] {min, max == min ? min + 1 : max};
    }

    /** {@return the lane's label: the PID and the image's file name ({@code pid 3556 setup.exe})} */
    static String shortName(ScmActs.Lane lane) {
        String image = lane.image();
        int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        return (lane.pid() < 0 ? "unknown process" : "pid " + lane.pid())
                + (image.isEmpty() ? "" : " " + image.substring(slash + 1));
    }

    /** {@return the event type without its {@code Service} prefix: {@code Created}, {@code DriverLoaded}} */
    static String shortKind(String kind) {
        return kind.startsWith("Service") && kind.length() > 7 ? kind.substring(7) : kind;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** {@return the CSP source of {@code script}: {@code sha256-BASE64}} */
    static String hash(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
