package org.hhgraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * The project's local Neo4j 5.26 Community server: the embedded database with its Bolt
 * connector, for machines without a Docker engine.
 *
 * <p>Configured only through system properties so that the Python launcher (graph/server.py)
 * owns every setting:
 * <ul>
 *   <li>{@code hhgraph.home} the database home (data/ and logs/ below it), required;</li>
 *   <li>{@code hhgraph.bolt.port} Bolt port on 127.0.0.1, default 7687;</li>
 *   <li>{@code hhgraph.pagecache.mb} page cache in MiB, default 512;</li>
 *   <li>{@code hhgraph.tx.timeout.s} transaction timeout in seconds, default 120.</li>
 * </ul>
 * Heap is the JVM's own -Xms/-Xmx. Writes "READY bolt://127.0.0.1:PORT" to stdout once Bolt
 * listens; a shutdown hook stops the database cleanly on SIGTERM/SIGINT.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = Path.of(requireProperty("hhgraph.home")).toAbsolutePath();
        int port = Integer.getInteger("hhgraph.bolt.port", 7687);
        long pageCacheMb = Long.getLong("hhgraph.pagecache.mb", 512L);
        long txTimeoutSeconds = Long.getLong("hhgraph.tx.timeout.s", 120L);
        Files.createDirectories(home);

        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // Without this a neo4j:// routing driver is told to go to 7687.
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                // Bolt waits 5 s twice for idle connections at shutdown, after the databases
                // are checkpointed and closed; 1 s each keeps `db stop` quick.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // Bound to loopback only; see docs/architecture.md for why auth is off here.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
                // dbms.usage_report.enabled: our hosts are offline; never phone home.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            service.shutdown();
            stopped.countDown();
        }, "hhgraph-shutdown"));

        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static String requireProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            System.err.println("missing system property -D" + name);
            System.exit(2);
        }
        return value;
    }
}
