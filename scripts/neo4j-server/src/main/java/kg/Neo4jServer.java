package kg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Runs a Neo4j Community server with Bolt and HTTP on loopback, sets the
 * password of the neo4j user, writes a "ready" file, and runs until stopped.
 *
 * Arguments: home-dir bolt-port http-port. The password comes from the
 * KG_NEO4J_PASSWORD environment variable, so it never shows in ps.
 */
public final class Neo4jServer {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String password = System.getenv().getOrDefault("KG_NEO4J_PASSWORD", "kg-local-password");
        Files.createDirectories(home.resolve("conf"));
        Files.deleteIfExists(home.resolve("ready"));
        Map<String, String> cfg = new HashMap<>();
        cfg.put("server.directories.data", home.resolve("data").toString());
        cfg.put("server.directories.logs", home.resolve("logs").toString());
        cfg.put("server.directories.run", home.resolve("run").toString());
        cfg.put("server.directories.import", home.resolve("import").toString());
        cfg.put("server.default_listen_address", "127.0.0.1");
        cfg.put("server.bolt.enabled", "true");
        cfg.put("server.bolt.listen_address", "127.0.0.1:" + args[1]);
        cfg.put("server.bolt.advertised_address", "127.0.0.1:" + args[1]);
        cfg.put("server.http.enabled", "true");
        cfg.put("server.http.listen_address", "127.0.0.1:" + args[2]);
        cfg.put("server.http.advertised_address", "127.0.0.1:" + args[2]);
        cfg.put("server.https.enabled", "false");
        cfg.put("dbms.security.auth_enabled", "true");
        cfg.put("server.memory.pagecache.size", "512m");
        cfg.put("dbms.usage_report.enabled", "false");
        CommunityBootstrapper server = new CommunityBootstrapper();
        int rc = server.start(home, cfg);
        if (rc != 0) {
            System.err.println("neo4j failed to start (code " + rc + "); see " + home.resolve("logs"));
            System.exit(rc);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        try {
            server.getDatabaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (RuntimeException e) {
            // A restart with kept data: the password is already set.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                server.stop();
                throw e;
            }
        }
        Files.writeString(home.resolve("ready"), "ready\n");
        System.out.println("neo4j ready: bolt://127.0.0.1:" + args[1] + " http://127.0.0.1:" + args[2]);
        Thread.currentThread().join();
    }
}
