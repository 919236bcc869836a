package io.pma;

import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterManager;
import io.pma.adapter.demo.DemoAdapter;
import io.pma.adapter.homeassistant.HomeAssistantAdapter;
import io.pma.adapter.mqtt.MqttAdapter;
import io.pma.api.AdaptersResource;
import io.pma.api.ApiRouter;
import io.pma.api.AuthResource;
import io.pma.api.BulkStatesResource;
import io.pma.api.EntitiesResource;
import io.pma.api.HealthResource;
import io.pma.api.OpenApiResource;
import io.pma.api.Resource;
import io.pma.api.UsersResource;
import io.pma.api.AutomationsResource;
import io.pma.api.WebsocketStatsResource;
import io.pma.api.BackupResource;
import io.pma.api.HistoryResource;
import io.pma.auth.AccessTokens;
import io.pma.auth.Accounts;
import io.pma.auth.FirstStart;
import io.pma.auth.LoginThrottle;
import io.pma.auth.TokenRevocations;
import io.pma.auth.UserAdmin;
import io.pma.auth.JwtService;
import io.pma.auth.PasswordPolicy;
import io.pma.auth.Passwords;
import io.pma.auth.Permissions;
import io.pma.auth.SecretFile;
import io.pma.automation.AutomationEngine;
import io.pma.automation.Automations;
import io.pma.automation.Effects;
import io.pma.automation.Rule;
import io.pma.automation.RunHistory;
import io.pma.automation.Scheduler;
import io.pma.automation.VertxScheduler;
import io.pma.bus.Broker;
import io.pma.config.HomeAssistantConfig;
import io.pma.domain.AdapterStatus;
import io.pma.cluster.ClusterNode;
import io.pma.config.PmaConfig;
import io.pma.config.WebsocketConfig;
import io.pma.config.StorageConfig;
import io.pma.history.History;
import io.pma.hub.Hub;
import io.pma.metrics.PmaMetrics;
import io.pma.notify.NotificationService;
import io.pma.registry.EntityRegistry;
import io.pma.registry.WriteBehind;
import io.pma.store.DataDirectoryLock;
import io.pma.store.Databases;
import io.pma.store.sql.SqlAccessTokenStore;
import io.pma.store.PrivateFiles;
import io.pma.store.User;
import io.pma.store.sql.SqlAutomationStore;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sql.SqlEntityStore;
import io.pma.store.sql.SqlUserStore;
import io.pma.system.HealthMonitor;
import io.pma.system.RaisedAlerts;
import io.pma.system.SystemMonitor;
import io.pma.transport.AddressLimit;
import io.pma.transport.DescriptorBudget;
import io.pma.transport.HttpTransport;
import io.pma.transport.ServedRoute;
import io.pma.transport.WebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from the configuration in data-path order and starts
 * and stops them in the right order. Holds no logic of its own.
 */
public final class PmaServer {
  private static final Logger LOG = LoggerFactory.getLogger(PmaServer.class);
  private static final String JWT_SECRET_FILE = "jwt.secret";
  private static final long STOP_STEP_SECONDS = 10;

  private final PmaConfig config;
  private final Vertx vertx;
  private final SqlDatabase database;
  private final Broker broker;
  /** One node alone or one of a cluster: chosen once, from {@code broker.type}. */
  private final Topology topology;
  private final WriteBehind writeBehind;
  private final EntityRegistry registry;
  private final History history;
  private final JwtService jwt;
  private final TokenRevocations revocations;
  private final AdapterManager adapters;
  private final HealthMonitor health;
  private final Hub hub;
  private final Monitoring monitoring;
  private final AutomationEngine automationEngine;
  private final List<Rule> storedRules;
  private final Automations automations;
  private final HttpTransport transport;
  /** The first start's admin account, hashed while the rest starts; awaited before listening. */
  private final CompletableFuture<Void> firstAdmin;
  /** This process's hold on the data directory, released last at stop. */
  private final DataDirectoryLock dataDirectoryLock;

  private PmaServer(PmaConfig config, Clock clock, Function<Vertx, Scheduler> schedulers,
      DataDirectoryLock dataDirectoryLock) {
    this.config = config;
    this.dataDirectoryLock = dataDirectoryLock;
    int loops = config.server().eventLoops() > 0 ? config.server().eventLoops()
        : Runtime.getRuntime().availableProcessors();
    Path dataDir = Path.of(config.storage().dataDir());
    PrivateFiles.secureDirectory(dataDir, List.of(StorageConfig.SQLITE_FILE, JWT_SECRET_FILE));
    // Opening the database (its migrations on a first start) and building Vert.x are the two
    // longest steps of a start; on a second core they overlap.
    CompletableFuture<SqlDatabase> opening = CompletableFuture.supplyAsync(
        () -> Databases.open(config.storage(), config.storage().postgresPoolSize()),
        task -> new Thread(task, "pma-open-database").start());
    PmaMetrics metrics = new PmaMetrics();
    this.vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)
        .setPreferNativeTransport(config.server().nativeTransport())
        .setMetricsOptions(metrics.vertxOptions())).withMetrics(metrics.vertxFactory()).build();
    this.database = opened(opening);
    SqlEntityStore entityStore = new SqlEntityStore(database);
    SqlUserStore users = new SqlUserStore(database);
    SqlAccessTokenStore accessTokenStore = new SqlAccessTokenStore(database);
    Passwords passwords = new Passwords(10);
    PasswordPolicy passwordPolicy = PasswordPolicy.standard();
    CompletableFuture<Optional<User>> createdAdmin = FirstStart.ensureAdmin(users, passwords,
        passwordPolicy, config.auth().adminPassword(), clock);
    this.revocations = new TokenRevocations(users, accessTokenStore, clock);
    // The revocations read the users' token epochs when built, perhaps before the admin existed.
    this.firstAdmin = createdAdmin.thenAccept(admin -> admin.ifPresent(revocations::userChanged));
    this.topology = Topology.of(config.broker(), vertx, clock, revocations);
    this.broker = topology.broker();
    this.writeBehind = new WriteBehind(entityStore, config.storage().flushIntervalMs());
    this.registry = new EntityRegistry(broker, clock, writeBehind);
    registry.restore(entityStore.loadAll(), entityStore.loadCustomizations());
    broker.onRemoteEntity(registry::mirror);
    this.history = new History(database, config.history(), config.automation().zone(), clock);
    history.recorder().ifPresent(recorder -> broker.subscribe(recorder::accept));
    history.recorder().ifPresent(metrics::bindHistory);
    String secret = config.auth().jwtSecret() == null || config.auth().jwtSecret().isEmpty()
        ? SecretFile.readOrCreate(dataDir.resolve(JWT_SECRET_FILE)) : config.auth().jwtSecret();
    this.jwt = new JwtService(secret, clock, revocations);
    Accounts accounts = new Accounts(users, accessTokenStore, passwords, jwt, revocations,
        new Accounts.Durations(Duration.ofMinutes(config.auth().tokenTtlMinutes()),
            config.auth().sessionLifetime()), clock);
    ApiRouter.AccountServices accountServices = new ApiRouter.AccountServices(accounts,
        new UserAdmin(users, passwords, passwordPolicy, revocations, clock),
        new AccessTokens(accessTokenStore, users, jwt, revocations, clock),
        new LoginThrottle(config.auth().loginFailuresPerAddress(),
            config.auth().loginFreeFailures(),
            Duration.ofSeconds(config.auth().loginMaxDelaySeconds()), clock));
    List<Adapter> configured = createAdapters(clock);
    this.adapters = topology.adapters(configured, registry);
    broker.subscribe(p -> {
      if (p.event() instanceof AdapterStatus status) {
        adapters.observed(p.seq(), status);
      }
    });
    RaisedAlerts raisedAlerts = new RaisedAlerts();
    this.health = new HealthMonitor(vertx, database, writeBehind, broker, adapters, raisedAlerts,
        clock);
    Permissions permissions = new Permissions(config.websocket().anonymousTopicPatterns());
    this.hub = new Hub(broker, registry, history, jwt, permissions,
        fitToDescriptors(config.websocket()), metrics, clock);
    revocations.onRevoke(hub::revoke);
    this.monitoring = new Monitoring(config, vertx, metrics, raisedAlerts,
        new Monitoring.Sources(broker, registry, writeBehind, adapters, health, database, users,
            jwt, hub, loops), clock);
    SqlAutomationStore automationStore = new SqlAutomationStore(database);
    this.storedRules = automationStore.loadRules();
    RunHistory runHistory = RunHistory.restore(automationStore, storedRules,
        config.automation().runsKept());
    this.automationEngine = new AutomationEngine(vertx.getOrCreateContext(),
        new Effects(registry, adapters, broker, monitoring.notifications()::deliver),
        automationStore, runHistory,
        clock, schedulers.apply(vertx), new AutomationEngine.Settings(config.automation().zone(),
            config.automation().maxRunsPerSecond(), config.automation().maxChainDepth(),
            config.automation().actionTimeout()));
    this.automations = new Automations(automationStore, automationEngine, runHistory,
        clock, storedRules);
    ApiRouter api = new ApiRouter(resources(accountServices, automations,
        id -> users.findById(id).map(User::username).orElse(id), clock),
        jwt, config.server().maxBodyBytes());
    AddressLimit addressLimit = new AddressLimit(config.server().maxConnectionsPerAddress(),
        config.server().trustedProxyRanges());
    this.transport = new HttpTransport(vertx, config.server(), api::create,
        Optional.of(new WebSocketTransport(hub, config.websocket(), addressLimit).endpoint()),
        addressLimit, loops);
  }

  /** The database once open; its refusal (a newer schema, say) as it was thrown. */
  private static SqlDatabase opened(CompletableFuture<SqlDatabase> opening) {
    try {
      return opening.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** The one list of REST resources, in mount order. */
  private List<Resource> resources(ApiRouter.AccountServices accounts, Automations automations,
      UnaryOperator<String> userNames, Clock clock) {
    List<Resource> resources = new ArrayList<>(List.of(
        new HealthResource(health),
        new AuthResource(accounts.accounts(), accounts.users(), accounts.tokens(),
            accounts.throttle()),
        new UsersResource(accounts.users(), accounts.throttle()),
        new OpenApiResource(),
        new BulkStatesResource(registry),
        new EntitiesResource(registry, adapters),
        new AdaptersResource(adapters)));
    resources.addAll(monitoring.resources());
    resources.add(new WebsocketStatsResource(hub));
    resources.add(new AutomationsResource(automations));
    resources.add(new BackupResource(config.storage().postgres() ? Optional.empty()
        : Optional.of(Path.of(config.storage().sqliteFile())), clock));
    resources.add(new HistoryResource(history, registry, userNames, clock));
    return resources;
  }

  /** The /ws settings with a connection limit the process's file descriptors can hold. */
  private static WebsocketConfig fitToDescriptors(WebsocketConfig websocket) {
    OptionalLong descriptors = DescriptorBudget.processLimit();
    if (descriptors.isEmpty()) {
      return websocket;
    }
    int fitted = DescriptorBudget.fit(websocket.maxConnections(), descriptors.getAsLong());
    if (fitted == websocket.maxConnections()) {
      return websocket;
    }
    LOG.warn(DescriptorBudget.warning(websocket.maxConnections(), descriptors.getAsLong()));
    return websocket.withMaxConnections(fitted);
  }

  private List<Adapter> createAdapters(Clock clock) {
    List<Adapter> list = new ArrayList<>();
    boolean othersConfigured = !config.homeassistant().isEmpty() || config.mqtt().enabled();
    if (config.demo().runs(othersConfigured)) {
      list.add(new DemoAdapter(vertx, registry, broker, clock, config.demo().tickMs()));
    }
    if (config.mqtt().enabled()) {
      list.add(new MqttAdapter(config.mqtt(), vertx, registry, broker, clock));
    }
    for (HomeAssistantConfig instance : config.homeassistant()) {
      list.add(new HomeAssistantAdapter(instance, vertx, broker, registry, clock));
    }
    return list;
  }

  /** Builds and starts a server; fails when a part cannot start (port taken, database broken). */
  public static Future<PmaServer> start(PmaConfig config, Clock clock) {
    return start(config, clock, vertx -> new VertxScheduler(vertx, clock));
  }

  /** As {@link #start(PmaConfig, Clock)}, with the automation timers from {@code schedulers}. */
  public static Future<PmaServer> start(PmaConfig config, Clock clock,
      Function<Vertx, Scheduler> schedulers) {
    PmaServer server;
    DataDirectoryLock lock;
    try {
      lock = DataDirectoryLock.acquire(Path.of(config.storage().dataDir()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    try {
      server = new PmaServer(config, clock, schedulers, lock);
    } catch (RuntimeException e) {
      lock.close();
      return Future.failedFuture(e);
    }
    Promise<PmaServer> started = Promise.promise();
    Future.fromCompletionStage(server.broker.start())
        .compose(v -> server.topology.join(server.adapters))
        .compose(v -> server.automationEngine.start(server.storedRules,
            server.topology.leadsAutomationsAtStart()))
        .compose(v -> Future.fromCompletionStage(server.firstAdmin))
        .compose(v -> server.transport.start())
        .compose(port -> server.monitoring.listen().map(port))
        .compose(port -> server.topology.start(server.adapters, server.automations,
            server.automationEngine).map(port))
        .onSuccess(port -> {
          server.monitoring.startReporting();
          LOG.info("{}", StartupSummary.line(config, port, server.registry.size(),
              server.adapters.all().stream().map(Adapter::id).toList(), server.vertx.isNativeTransportEnabled()));
          started.complete(server);
        }).onFailure(e -> {
          started.fail(e);
          server.stop();
        });
    return started.future();
  }

  /**
   * Stops in reverse data-path order and flushes pending entity writes. The steps run one after
   * the other on a thread of their own: a step's future may complete on an event loop, and
   * closing Vert.x from there would report the end to a context that is itself shutting down.
   */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    Thread stopper = new Thread(() -> {
      try {
        await(monitoring.stop(), "monitoring");
        await(Future.fromCompletionStage(hub.shutdown()), "WebSocket connections");
        await(transport.stop(), "HTTP listeners");
        topology.stopSharing();
        await(automationEngine.stop(), "automations");
        await(topology.stopAdapters(adapters), "adapters");
        int flushed = writeBehind.flushAndStop();
        history.close();
        broker.close();
        topology.close();
        database.close();
        LOG.info("PMA stopped: {} pending entity changes flushed to {}, database closed",
            flushed, StartupSummary.storage(config));
      } finally {
        vertx.close().onComplete(done -> {
          monitoring.close();
          dataDirectoryLock.close();
          stopped.handle(done);
        });
      }
    }, "pma-stop");
    stopper.start();
    return stopped.future();
  }

  private static void await(Future<Void> step, String what) {
    try {
      step.toCompletionStage().toCompletableFuture().get(STOP_STEP_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("stopping {}: {}", what, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return transport.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public EntityRegistry registry() {
    return registry;
  }

  public Broker broker() {
    return broker;
  }

  public TokenRevocations revocations() {
    return revocations;
  }

  public Hub hub() {
    return hub;
  }

  public JwtService jwt() {
    return jwt;
  }

  /** This node's cluster membership; empty on a single node. */
  public Optional<ClusterNode> cluster() {
    return topology.cluster();
  }

  public AdapterManager adapters() {
    return adapters;
  }

  public SqlDatabase database() {
    return database;
  }

  public History history() {
    return history;
  }

  public WriteBehind writeBehind() {
    return writeBehind;
  }

  public AutomationEngine automationEngine() {
    return automationEngine;
  }

  public NotificationService notifications() {
    return monitoring.notifications();
  }

  public SystemMonitor systemMonitor() {
    return monitoring.monitor();
  }

  /** The HTTP endpoints this server's router serves (method and path template). */
  public List<ServedRoute> routes() {
    return transport.routes();
  }

  /** The port of {@code /metrics} when {@code metrics.access} is "port", else -1. */
  public int metricsPort() {
    return monitoring.metricsPort();
  }
}
