package io.pma.cluster;

import io.pma.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of one test cluster: a Redis of their own, a fresh database on the shared PostgreSQL,
 * the same JWT secret, demo devices off unless asked for. {@link #close} stops the nodes still in
 * {@link #nodes} and the Redis. As a JUnit extension ({@code @RegisterExtension final TestCluster
 * cluster = new TestCluster()}) it does so after each test.
 */
public final class TestCluster implements AutoCloseable, AfterEachCallback {
  private final RedisProcess redis = RedisProcess.start();
  private final String database = PostgresProcess.shared().newDatabase();
  private final List<TestServer> nodes = new ArrayList<>();

  /** What makes a node of a cluster on {@code redis} (each node keeps its own SQLite). */
  public static Map<String, String> env(RedisProcess redis, String node) {
    return Map.of("PMA_BROKER_TYPE", "redis", "PMA_BROKER_REDIS_URL", redis.url(),
        "PMA_BROKER_NODE_ID", node, "PMA_DEMO_ENABLED", "false",
        "PMA_JWT_SECRET", "a-cluster-wide-secret-of-enough-length-123");
  }

  /** Starts node {@code id} on the shared Redis and PostgreSQL, with {@code extra} PMA_* vars. */
  public TestServer node(String id, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(env(redis, id));
    env.put("PMA_STORAGE_TYPE", "postgres");
    env.put("PMA_STORAGE_POSTGRES_URL", database);
    env.putAll(extra);
    TestServer node = TestServer.start(env);
    nodes.add(node);
    return node;
  }

  /** The running nodes in start order; a test that stops one removes it. */
  public List<TestServer> nodes() {
    return nodes;
  }

  public RedisProcess redis() {
    return redis;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    nodes.forEach(TestServer::close);
    redis.close();
  }
}
