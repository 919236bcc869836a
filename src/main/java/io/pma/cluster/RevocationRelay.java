package io.pma.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.auth.TokenRevocations;
import io.pma.auth.TokenRevocations.Change;
import io.pma.domain.Json;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries token revocations and user changes between nodes, so that every node's open sockets
 * lose their rights at once, wherever the change was made. Each local change goes out on a Redis
 * channel (retried in order while Redis is away); each node applies the others' changes through
 * {@link TokenRevocations#applyRemote}, which re-reads users from the shared store. Pub/sub keeps
 * no history, so whenever this node (re)subscribes it re-reads all revocations from the store.
 * Runs on its own Vert.x context; store reads run on worker threads.
 */
public final class RevocationRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationRelay.class);

  private final RedisLink link;
  private final TokenRevocations revocations;
  private final Context context;
  private final ChannelSubscription subscription;
  private final ArrayDeque<String> outgoing = new ArrayDeque<>();
  private boolean sending;

  public RevocationRelay(RedisLink link, TokenRevocations revocations) {
    this.link = link;
    this.revocations = revocations;
    this.context = link.vertx().getOrCreateContext();
    this.subscription = new ChannelSubscription(link, context, link.keys().revocations(),
        this::received, this::resynchronise);
    revocations.onLocalChange(this::send);
  }

  public void start() {
    subscription.start();
  }

  private void send(Change change) {
    String message = Json.object().put("node", link.nodeId()).put("kind", change.kind().name())
        .put("id", change.id()).toString();
    context.runOnContext(v -> {
      outgoing.addLast(message);
      pump();
    });
  }

  private void pump() {
    if (sending || outgoing.isEmpty()) {
      return;
    }
    sending = true;
    link.commands().send(Request.cmd(Command.PUBLISH).arg(link.keys().revocations())
        .arg(outgoing.peekFirst())).onComplete(result -> {
          if (result.succeeded()) {
            outgoing.pollFirst();
            sending = false;
            pump();
          } else {
            link.vertx().setTimer(500, t -> context.runOnContext(v -> {
              sending = false;
              pump();
            }));
          }
        });
  }

  private void received(String message) {
    Change change;
    try {
      JsonNode node = Json.MAPPER.readTree(message);
      if (link.nodeId().equals(node.path("node").asText())) {
        return;
      }
      change = new Change(Change.Kind.valueOf(node.path("kind").asText()),
          node.path("id").asText());
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("ignored a malformed revocation message: {}", e.getMessage());
      return;
    }
    link.vertx().executeBlocking(() -> {
      revocations.applyRemote(change);
      return null;
    }, true).onFailure(e -> LOG.error("applying a revocation from another node failed", e));
  }

  private void resynchronise() {
    link.vertx().executeBlocking(() -> {
      revocations.reload();
      return null;
    }, true).onFailure(e -> LOG.error("re-reading revocations failed", e));
  }

  /** Whether this node hears other nodes' revocations right now. */
  public boolean listening() {
    return subscription.subscribed();
  }

  @Override
  public void close() {
    subscription.close();
  }
}
