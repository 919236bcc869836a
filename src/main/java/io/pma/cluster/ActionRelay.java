package io.pma.cluster;

import io.pma.domain.Refusal;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.AdapterManager;
import io.pma.adapter.EntityAction;
import io.pma.adapter.RemoteActions;
import io.pma.domain.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entity actions for adapters that run on another node: the request goes to the owner's channel
 * ({@code actions:<node>}, the owner read from the adapter's lease), the owner runs it through its
 * {@link AdapterManager} and answers on the requester's channel ({@code replies:<node>}) with
 * success or the {@link ActionException} kind and message, which the REST API maps as usual. No
 * answer within the timeout fails with {@code TIMEOUT}. Runs on its own Vert.x context.
 */
public final class ActionRelay implements RemoteActions, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRelay.class);
  private static final ObjectReader ACTION = Json.MAPPER.readerFor(EntityAction.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final RedisLink link;
  private final Context context;
  private final Duration timeout;
  private final Map<String, Promise<Void>> pending = new ConcurrentHashMap<>();
  private final ChannelSubscription requests;
  private final ChannelSubscription replies;
  private AdapterManager adapters;

  public ActionRelay(RedisLink link, Duration timeout) {
    this.link = link;
    this.context = link.vertx().getOrCreateContext();
    this.timeout = timeout;
    this.requests = new ChannelSubscription(link, context, link.keys().actions(link.nodeId()),
        this::onRequest, () -> { });
    this.replies = new ChannelSubscription(link, context, link.keys().replies(link.nodeId()),
        this::onReply, () -> { });
  }

  /** Starts serving actions addressed to this node with {@code local}'s adapters. */
  public void start(AdapterManager local) {
    context.runOnContext(v -> {
      this.adapters = local;
      requests.start();
      replies.start();
    });
  }

  @Override
  public Future<Void> execute(String adapterId, EntityAction action) {
    String id = UUID.randomUUID().toString();
    Promise<Void> answer = Promise.promise();
    pending.put(id, answer);
    long timer = link.vertx().setTimer(timeout.toMillis(), t -> {
      if (pending.remove(id) != null) {
        answer.tryFail(new ActionException(Refusal.TIMEOUT,
            "the node running adapter '" + adapterId + "' did not answer in time"));
      }
    });
    link.commands().send(Request.cmd(Command.GET).arg(link.keys().lease(
        AdapterOwnership.leaseName(adapterId)))).compose(owner -> send(owner, id, action))
        .onFailure(e -> {
          if (pending.remove(id) != null) {
            answer.tryFail(e instanceof ActionException ? e : new ActionException(
                Refusal.UNAVAILABLE, "cluster unreachable: " + e.getMessage()));
          }
        });
    return answer.future().onComplete(r -> link.vertx().cancelTimer(timer));
  }

  private Future<Response> send(Response owner, String id, EntityAction action) {
    if (owner == null) {
      return Future.failedFuture(new ActionException(Refusal.UNAVAILABLE,
          "adapter '" + action.entity().adapterId() + "' runs on no node right now"));
    }
    ObjectNode request = Json.object().put("id", id).put("reply_to", link.nodeId());
    request.set("action", Json.toObject(action));
    return link.commands().send(Request.cmd(Command.PUBLISH)
        .arg(link.keys().actions(owner.toString())).arg(request.toString())).compose(receivers ->
        receivers.toInteger() > 0 ? Future.succeededFuture(receivers)
            : Future.failedFuture(new ActionException(Refusal.UNAVAILABLE,
                "the node running adapter '" + action.entity().adapterId() + "' is gone")));
  }

  /** On the owner: run the action here and answer. */
  private void onRequest(String message) {
    JsonNode request;
    EntityAction action;
    try {
      request = Json.MAPPER.readTree(message);
      action = ACTION.readValue(request.get("action"));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      LOG.warn("ignored a malformed relayed action: {}", e.getMessage());
      return;
    }
    String replyTo = request.path("reply_to").asText();
    String id = request.path("id").asText();
    adapters.execute(action).onComplete(result -> {
      ObjectNode reply = Json.object().put("id", id).put("ok", result.succeeded());
      if (result.failed()) {
        ActionException error = result.cause() instanceof ActionException a ? a
            : new ActionException(Refusal.UPSTREAM_FAILED, result.cause().getMessage());
        reply.put("kind", error.kind().name()).put("message", error.getMessage());
      }
      link.commands().send(Request.cmd(Command.PUBLISH).arg(link.keys().replies(replyTo))
          .arg(reply.toString()));
    });
  }

  /** On the requester: complete the waiting action. */
  private void onReply(String message) {
    JsonNode reply;
    try {
      reply = Json.MAPPER.readTree(message);
    } catch (IOException e) {
      return;
    }
    Promise<Void> answer = pending.remove(reply.path("id").asText());
    if (answer == null) {
      return; // timed out already
    }
    if (reply.path("ok").asBoolean()) {
      answer.tryComplete();
    } else {
      Refusal kind;
      try {
        kind = Refusal.valueOf(reply.path("kind").asText());
      } catch (IllegalArgumentException e) {
        kind = Refusal.UPSTREAM_FAILED;
      }
      answer.tryFail(new ActionException(kind, reply.path("message").asText()));
    }
  }

  @Override
  public void close() {
    requests.close();
    replies.close();
  }
}
