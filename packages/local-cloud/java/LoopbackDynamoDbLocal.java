import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
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
    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
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
