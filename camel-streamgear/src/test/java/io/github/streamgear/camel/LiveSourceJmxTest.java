package io.github.streamgear.camel;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.streamgear.testing.TestMedia;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live-source channels over JMX (camel-management on the classpath, as in production): the endpoint reports the
 * channel's state and its masked source, and a password in a source URL is in no attribute of any Camel MBean nor in
 * any MBean name.
 */
class LiveSourceJmxTest {

    private static final String PASSWORD = "Jmx5ecretPw";

    @TempDir
    Path out;

    @Test
    void liveChannelsAreReportedAndNoAttributeHoldsThePassword() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getManagementStrategy().getManagementAgent().setIncludeHostName(false);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a camera that is not there when the route starts: its channel failed (a source that drops later is
                    // "source lost" while it is reconnected)
                    from("streamgear:door?videoSource=rtsp://127.0.0.1:9/cam&sourceUsername=viewer&sourcePassword="
                         + PASSWORD + "&livestream=true&outputDir=" + out).routeId("door").to("log:door?level=OFF");
                    from("direct:start").to("streamgear:lobby?videoSource=rtsp://127.0.0.1:9/lobby&sourceUsername=viewer"
                            + "&sourcePassword=RAW(" + PASSWORD + ")&livestream=true&outputDir=" + out);
                    // a looped file runs: its channel is "running"
                    from("streamgear:loop?videoSource=" + TestMedia.standard() + "&livestream=true&liveLoop=true"
                         + "&format=hls&segmentDuration=1&preset=ultrafast&streams=320x180&outputDir=" + out)
                            .routeId("loop").to("log:loop?level=OFF");
                }
            });
            context.start();
            try {
                context.createProducerTemplate().sendBodyAndHeader("direct:start", null,
                        StreamGearConstants.LIVE_ACTION, "start");
            } catch (RuntimeException expected) {
                // the lobby camera cannot be opened: the start fails, naming it (masked), and the channel is there
            }
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!"running".equals(attribute(jmx, "loop", "LiveSourceState")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("running", attribute(jmx, "loop", "LiveSourceState"));
            assertTrue(String.valueOf(attribute(jmx, "door", "LiveSourceState")).matches("starting|failed"),
                    "the camera that is not there: " + attribute(jmx, "door", "LiveSourceState"));
            assertEquals("rtsp://127.0.0.1:9/cam", attribute(jmx, "door", "LiveSource"));

            List<String> leaks = new ArrayList<>();
            int read = 0;
            for (ObjectName name : jmx.queryNames(new ObjectName("org.apache.camel:*"), null)) {
                if (name.toString().contains(PASSWORD)) {
                    leaks.add("name " + name);
                }
                for (MBeanAttributeInfo a : jmx.getMBeanInfo(name).getAttributes()) {
                    Object value;
                    try {
                        value = jmx.getAttribute(name, a.getName());
                    } catch (Exception | LinkageError notReadable) {
                        continue;
                    }
                    read++;
                    if (String.valueOf(value).contains(PASSWORD)) {
                        leaks.add(name + " " + a.getName() + " = " + value);
                    }
                }
            }
            assertTrue(read > 100, "attributes read: " + read);
            assertEquals(List.of(), leaks, "JMX attributes and names with the password");
        }
    }

    private static Object attribute(MBeanServer jmx, String endpoint, String attribute) throws Exception {
        for (ObjectName name : jmx.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null)) {
            if (name.getKeyProperty("name").contains("streamgear://" + endpoint)) {
                return jmx.getAttribute(name, attribute);
            }
        }
        throw new AssertionError("no endpoint MBean for " + endpoint);
    }
}
