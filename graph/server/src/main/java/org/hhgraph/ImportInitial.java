package org.hhgraph;

import java.nio.file.Files;
import java.nio.file.Path;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.ByteUnit;

import picocli.CommandLine;

/**
 * {@code neo4j-admin database import full} on the local server's store, in the local server's
 * classpath (issue 20): the launcher of {@code hhgraph import --initial} (graph/bulkimport.py).
 *
 * <p>The local server must be stopped: two processes on one store are not supported. Given
 * {@code -Dhhgraph.home} (the server home, as {@link LocalNeo4j} takes it) and the importer's
 * own arguments ({@code --nodes=...}, {@code --relationships=...}, ...), it
 * <ol>
 *   <li>refuses a database that holds data: if the {@code neo4j} database exists it is opened
 *       (without connectors) and any node ends the run with exit code 4 and a line
 *       {@code HOLDS DATA} on stderr, before anything is written;</li>
 *   <li>runs Neo4j's own {@link ImportCommand.Full} with those arguments (and
 *       {@code --overwrite-destination=true}: the database checked empty is replaced), with
 *       {@code NEO4J_HOME} the server home, so that the store lands where the server reads
 *       it ({@code <home>/data/databases/neo4j}); its exit code is the run's.</li>
 * </ol>
 */
public final class ImportInitial {
    static final int HOLDS_DATA = 4;

    private ImportInitial() {}

    public static void main(String[] args) throws Exception {
        String homeProperty = System.getProperty("hhgraph.home");
        if (homeProperty == null || homeProperty.isBlank()) {
            System.err.println("missing system property -Dhhgraph.home");
            System.exit(2);
        }
        Path home = Path.of(homeProperty).toAbsolutePath();
        Files.createDirectories(home);
        if (Files.isDirectory(home.resolve("data").resolve("databases").resolve("neo4j"))
                && holdsData(home)) {
            System.err.println("HOLDS DATA: the neo4j database in " + home + " holds nodes");
            System.exit(HOLDS_DATA);
        }
        String[] importArgs = new String[args.length + 1];
        System.arraycopy(args, 0, importArgs, 0, args.length);
        importArgs[args.length] = "--overwrite-destination=true";
        ExecutionContext context = new ExecutionContext(home, home.resolve("conf"));
        int code = new CommandLine(new ImportCommand.Full(context)).execute(importArgs);
        System.out.flush();
        System.exit(code);
    }

    /** Whether the store's neo4j database has a node: opened embedded, no connectors. */
    private static boolean holdsData(Path home) {
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();
        try {
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            try (Transaction tx = db.beginTx(); ResourceIterator<?> nodes = tx.getAllNodes().iterator()) {
                return nodes.hasNext();
            }
        } finally {
            service.shutdown();
        }
    }
}
