import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteStatement;
import java.io.File;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts Amazon DynamoDB Local as its own main class does, but listening on one address instead of every
 * interface: DynamoDB Local has no option for it, and its Jetty server binds to all of them.
 *
 * <p>Usage: {@code java -cp <this folder>:DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackDynamoDbLocal <host>
 * <DynamoDB Local's own options>}. Compiled for Java 17 into LoopbackDynamoDbLocal.class next to this file
 * ({@code pnpm --filter @spendwise/local-cloud build:java}), so a Java runtime without a compiler runs it.
 */
public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: LoopbackDynamoDbLocal <host> [DynamoDB Local options]");
      System.exit(2);
    }
    String host = args[0];
    String[] dynamoDbArgs = Arrays.copyOfRange(args, 1, args.length);
    File database = sharedDatabaseFile(dynamoDbArgs);
    boolean indexed = database != null && indexStreamRecords(database);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(dynamoDbArgs);
    int bound = 0;
    for (Connector connector : jettyServerOf(proxy).getConnectors()) {
      if (connector instanceof AbstractNetworkConnector) {
        ((AbstractNetworkConnector) connector).setHost(host);
        bound++;
      }
    }
    if (bound == 0) {
      throw new IllegalStateException("DynamoDB Local has no network connector to bind to " + host);
    }
    proxy.start();
    if (database != null && !indexed) {
      firstRequest(host, dynamoDbArgs);
      indexStreamRecords(database);
    }
    // The starter sends no request before this line.
    System.out.println("DynamoDB Local listening on " + host);
    exitWhenParentGoes(proxy);
  }

  /**
   * Ends the JVM in order (its shutdown hooks run) once standard input closes: the process that started it has
   * gone, even if it was killed. DynamoDB Local answers a write before its database has it on disk, so a
   * SIGKILL loses the last acknowledged writes; an orderly exit keeps them. The server stops first (requests
   * under way are answered, later ones refused), so nothing is acknowledged while the database closes. The
   * starter puts this JVM in its own process group, so killing the starter's group does not kill it too.
   */
  private static void exitWhenParentGoes(DynamoDBProxyServer proxy) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Nothing is ever sent: wait for the end of the stream.
                }
              } catch (java.io.IOException ignored) {
                // A broken pipe is the parent gone too.
              }
              try {
                proxy.stop();
              } catch (Exception error) {
                System.err.println("DynamoDB Local did not stop cleanly: " + error);
              }
              System.exit(0);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * The indexes DynamoDB Local lacks on its stream records ({@code us}), which are keyed by sequence number
   * alone across every table's stream (24 hours of every table's changes). Each GetRecords and DescribeStream
   * looks up the stream's first record ({@code MIN(SequenceNumber) WHERE StreamID = ?}) and the shard's latest
   * and earliest ({@code WHERE ShardID = ? ORDER BY SequenceNumber}): without an index, full scans of that table,
   * on the database's one thread that every other request waits for, growing with every write. Measured at
   * ~56k stream records: DescribeStream 160-310 ms before, 6-22 ms after. On one column each, not (ShardID,
   * SequenceNumber): SQLite keeps the row id (the sequence number) in every index entry, and the SQLite of
   * DynamoDB Local (3.8.7) uses it for the records-after-a-sequence-number range only in this form.
   */
  static final String[] STREAM_RECORD_INDEXES = {
    "CREATE INDEX IF NOT EXISTS \"us*ShardID\" ON us (ShardID)",
    "CREATE INDEX IF NOT EXISTS \"us*StreamID\" ON us (StreamID)",
  };

  /** The database file of {@code -sharedDb -dbPath <folder>}; null in memory ({@code -inMemory}). */
  static File sharedDatabaseFile(String[] dynamoDbArgs) {
    java.util.List<String> options = Arrays.asList(dynamoDbArgs);
    int at = options.indexOf("-dbPath");
    if (at < 0 || at + 1 >= dynamoDbArgs.length || !options.contains("-sharedDb")) return null;
    return new File(dynamoDbArgs[at + 1], "shared-local-instance.db");
  }

  /**
   * Adds {@link #STREAM_RECORD_INDEXES} to the database file once DynamoDB Local has created its tables in it;
   * false when it has not (a new file). Called while nothing else uses the database: before DynamoDB Local opens
   * an existing file, or after the launcher's own first request created a new one and before it announces
   * itself. An in-memory database cannot be reached from outside DynamoDB Local and holds one run's records
   * only: it goes without.
   */
  static boolean indexStreamRecords(File database) throws Exception {
    if (!database.exists()) return false;
    // SQLite's native library as DynamoDB Local loads it (once per JVM): a second copy, loaded by sqlite4java's
    // own loader, would crash the JVM on DynamoDB Local's first statement.
    SQLiteLibraryLoader.initialize();
    Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.WARNING);
    SQLiteConnection connection = new SQLiteConnection(database);
    try {
      connection.open(false);
      connection.setBusyTimeout(30_000);
      SQLiteStatement tables = connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'us'");
      boolean created = tables.step();
      tables.dispose();
      // DynamoDB Local refuses a file with tables but without its version record: never create its tables here.
      if (created) for (String index : STREAM_RECORD_INDEXES) connection.exec(index);
      return created;
    } finally {
      connection.dispose();
    }
  }

  /** One ListTables to the started server: DynamoDB Local creates its database on the first request. */
  static void firstRequest(String host, String[] dynamoDbArgs) throws Exception {
    int at = Arrays.asList(dynamoDbArgs).indexOf("-port");
    String port = at >= 0 && at + 1 < dynamoDbArgs.length ? dynamoDbArgs[at + 1] : "8000";
    String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + authority + "/"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=local/20000101/local/dynamodb/aws4_request, SignedHeaders=host,"
                    + " Signature=local")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("DynamoDB Local's first request failed: " + response.body());
    }
  }

  /** The Jetty server DynamoDB Local keeps in a private field. */
  private static Server jettyServerOf(DynamoDBProxyServer proxy) throws IllegalAccessException {
    for (Field field : DynamoDBProxyServer.class.getDeclaredFields()) {
      if (Server.class.isAssignableFrom(field.getType())) {
        field.setAccessible(true);
        return (Server) field.get(proxy);
      }
    }
    throw new IllegalStateException("This DynamoDB Local keeps no Jetty server this launcher can find");
  }
}
