package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.w3c.dom.Document;

/**
 * Prints, for each Representation of the MPDs given, the advertised {@code @bandwidth}, the delivered average, the
 * buffer-model rate with the MPD's {@code minBufferTime} (and with {@code -Dbuffer=S} seconds instead, to weigh a
 * longer buffer) and their ratios. A measuring aid, not a test:
 * {@code java -cp target/classes:target/test-classes io.github.streamgear.engine.output.DashBandwidthReport out/*}{@code /manifest.mpd}
 */
public final class DashBandwidthReport {

    private DashBandwidthReport() {
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            Path mpd = Path.of(arg).toAbsolutePath();
            Document doc = DashManifest.parse(Files.readString(mpd));
            OptionalDouble declared = DashBandwidth.seconds(doc.getDocumentElement().getAttribute("minBufferTime"));
            double buffer = Double.parseDouble(System.getProperty("buffer", String.valueOf(declared.orElse(0))));
            for (Map.Entry<String, DashBandwidth.Measured> e : DashBandwidth.segments(doc, mpd.getParent()).entrySet()) {
                DashBandwidth.Measured m = e.getValue();
                long advertised = advertised(doc, e.getKey());
                double average = DashBandwidth.averageRate(m.segments());
                double model = DashBandwidth.bufferModelRate(m.initBytes(), m.segments(), buffer);
                System.out.printf(Locale.ROOT, "%s rep %s: %d segments, @bandwidth %d, average %.0f, buffer model (T=%.1f s)"
                        + " %.0f; advertised/average %.3f, model/average %.3f%n", arg, e.getKey(), m.segments().size(),
                        advertised, average, buffer, model, advertised / average, model / average);
            }
        }
    }

    private static long advertised(Document doc, String id) {
        var reps = doc.getElementsByTagNameNS(DashManifest.NS, "Representation");
        for (int i = 0; i < reps.getLength(); i++) {
            var rep = (org.w3c.dom.Element) reps.item(i);
            if (id.equals(rep.getAttribute("id"))) {
                return Long.parseLong(rep.getAttribute("bandwidth"));
            }
        }
        return -1;
    }
}
