package io.github.streamgear.examples.scaleout;

import java.nio.file.Path;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;

/**
 * The only place that knows the broker is ActiveMQ Artemis: the client connection factory the {@code jms} component
 * uses, and an embedded broker configured the way the workers need it. Another broker is swapped in here and in the
 * endpoint URIs of {@link Settings} (docs/scaling.md).
 */
public final class Brokers {

    private Brokers() {
    }

    /**
     * The {@code jms} component for a broker URL. {@code consumerWindowSize=0} stops the Artemis client from buffering
     * messages for a consumer: without it one worker would hold several long jobs in its buffer while other workers
     * are idle.
     */
    public static JmsComponent jmsComponent(String brokerUrl) {
        return JmsComponent.jmsComponent(connectionFactory(brokerUrl));
    }

    public static ConnectionFactory connectionFactory(String brokerUrl) {
        String url = brokerUrl.contains("consumerWindowSize") ? brokerUrl
                : brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + "consumerWindowSize=0";
        return new ActiveMQConnectionFactory(url);
    }

    /**
     * Starts an embedded Artemis broker with a TCP acceptor on {@code host:port} (and {@code vm://0} in-JVM) and
     * persistent storage in {@code dataDir}, holding the jobs, dead-letter and status queues.
     *
     * <p>The jobs queue: a message whose delivery failed {@code maxAttempts} times (a rollback, or a consumer whose
     * connection died) goes to {@value Settings#JOBS_DLQ}; a rolled-back job waits {@code redeliveryDelayMs} before
     * it is delivered again. Duplicate detection needs no setting: the broker drops a message whose
     * {@code _AMQ_DUPL_ID} it has already seen on the address (it remembers the last {@code idCacheSize} ids, in the
     * journal, so across restarts too). Every other address (the status queue, the dead-letter queues themselves)
     * dead-letters to {@value Settings#OTHER_DLQ}, and every address, the jobs queue included, has
     * {@value Settings#EXPIRED} as its expiry address: no message is dropped silently, and the broker starts without
     * warnings.
     */
    public static EmbeddedActiveMQ startBroker(String host, int port, Path dataDir, int maxAttempts, long redeliveryDelayMs,
            boolean limitDiskUsage) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("streamgear")
                .setSecurityEnabled(false)
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalFileSize(1024 * 1024)
                .setJournalMinFiles(2)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setIDCacheSize(20_000)
                .setPersistIDCache(true)
                .addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port + "?protocols=CORE")
                .addAcceptorConfiguration("in-vm", "vm://0");
        if (!limitDiskUsage) {
            config.setMaxDiskUsage(-1);
        }
        // Every address gets a dead-letter and an expiry address (without them Artemis warns about each queue at
        // startup, and would drop what fails or expires): the catch-all sends them to streamgear.DLQ and
        // streamgear.expired; the jobs queue dead-letters to streamgear.jobs.DLQ after maxAttempts deliveries.
        // The more specific setting is merged over the catch-all.
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Settings.OTHER_DLQ))
                .setExpiryAddress(SimpleString.of(Settings.EXPIRED)));
        config.addAddressSetting(Settings.JOBS, new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Settings.JOBS_DLQ))
                .setExpiryAddress(SimpleString.of(Settings.EXPIRED))
                .setMaxDeliveryAttempts(maxAttempts)
                .setRedeliveryDelay(redeliveryDelayMs));
        for (String queue : new String[] {Settings.JOBS, Settings.JOBS_DLQ, Settings.STATUS, Settings.OTHER_DLQ,
                Settings.EXPIRED}) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue).addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        return broker;
    }
}
