package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.auth.AuthenticationException;
import io.pma.auth.Principal;
import io.pma.auth.TokenVerifier;
import io.pma.config.WebsocketConfig;
import io.pma.protocol.ClientMessage;
import io.pma.protocol.CloseCode;
import io.pma.protocol.ErrorReason;
import io.pma.protocol.InvalidMessageException;
import io.pma.protocol.MessageDecoder;
import io.pma.protocol.ServerMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the client side of the protocol for every session: each inbound message passes the rate
 * limit, then the {@link MessageDecoder} gate, then its handler. Authentication lives here;
 * subscriptions in {@link SubscriptionCommands}. Stateless itself (all state is in the
 * {@link Session}); runs on the session's event loop.
 */
final class ClientProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(ClientProtocol.class);
  static final int MAX_FAILED_AUTHENTICATIONS = 5;

  private final MessageDecoder decoder = new MessageDecoder();
  private final TokenVerifier verifier;
  private final SubscriptionCommands subscriptions;
  private final ResumeCommand resumes;
  private final WebsocketConfig config;
  private final Clock clock;
  private final HubCounters counters;

  ClientProtocol(TokenVerifier verifier, SubscriptionCommands subscriptions,
      ResumeCommand resumes, WebsocketConfig config, Clock clock, HubCounters counters) {
    this.verifier = verifier;
    this.subscriptions = subscriptions;
    this.resumes = resumes;
    this.config = config;
    this.clock = clock;
    this.counters = counters;
  }

  void onText(Session session, byte[] message) {
    counters.messagesReceived.increment();
    counters.bytesReceived.add(message.length);
    if (!admitted(session)) {
      return;
    }
    ClientMessage decoded;
    try {
      decoded = decoder.decode(message);
    } catch (InvalidMessageException e) {
      invalid(session, e.reason(), e.detail(), e);
      return;
    }
    try {
      dispatch(session, decoded);
    } catch (RuntimeException e) {
      // The message gate: a bug in one handler answers this message, never kills the loop.
      LOG.error("handling {} failed", decoded.getClass().getSimpleName(), e);
      session.send(ServerMessages.invalidMessage(ErrorReason.INVALID_DATA,
          "the server could not handle this message", clock.instant(), decoded.requestId()));
    }
  }

  void onBinary(Session session, int size) {
    counters.messagesReceived.increment();
    counters.bytesReceived.add(size);
    if (admitted(session)) {
      invalid(session, ErrorReason.BINARY_FRAME, "send JSON text frames", null);
    }
  }

  /** The rate limit of PROTOCOL.md section 6; every message counts, ping included. */
  private boolean admitted(Session session) {
    RateLimiter.Verdict verdict = rateLimit(session);
    if (verdict == RateLimiter.Verdict.REFUSE) {
      invalid(session, ErrorReason.RATE_LIMITED, "more than " + config.maxMessagesPerSecond()
          + " messages per second (burst " + config.burstMessages() + ")", null);
    }
    return verdict == RateLimiter.Verdict.ACCEPT;
  }

  /**
   * A WebSocket ping or pong frame takes a token of the same rate limit as messages. A refused
   * one is dropped without an error message (answering a flood would feed it); abuse closes.
   */
  boolean admitControlFrame(Session session) {
    return rateLimit(session) == RateLimiter.Verdict.ACCEPT;
  }

  private RateLimiter.Verdict rateLimit(Session session) {
    RateLimiter.Verdict verdict = session.rateLimiter().onMessage(System.nanoTime());
    if (verdict != RateLimiter.Verdict.ACCEPT) {
      counters.rateLimited.increment();
    }
    if (verdict == RateLimiter.Verdict.ABUSE) {
      session.close(CloseCode.RATE_LIMITED);
    }
    return verdict;
  }

  private void dispatch(Session session, ClientMessage message) {
    Instant now = clock.instant();
    if (message instanceof ClientMessage.Authenticate authenticate) {
      authenticate(session, authenticate.token(), now, authenticate.requestId());
    } else if (message instanceof ClientMessage.SubscribeRequest subscribe) {
      subscriptions.subscribe(session, subscribe, now);
    } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
      subscriptions.unsubscribe(session, unsubscribe, now);
    } else if (message instanceof ClientMessage.Resume resume) {
      resumes.resume(session, resume);
    } else if (message instanceof ClientMessage.Ping ping) {
      session.send(ServerMessages.pong(now, ping.requestId()));
    } else {
      throw new IllegalStateException("no handler for " + message.getClass().getSimpleName());
    }
  }

  /**
   * Verifies a token from an {@code authenticate} message. A success replaces the principal; a
   * failure is answered, and the fifth failure on a connection then closes it with 1008.
   */
  void authenticate(Session session, String token, Instant now, JsonNode requestId) {
    Principal principal;
    try {
      principal = verify(token, now);
    } catch (AuthenticationException e) {
      failed(session, e.getMessage(), now, requestId);
      return;
    }
    authenticated(session, principal, now, requestId);
  }

  /** The principal a token speaks for; throws {@link AuthenticationException} when it does not. */
  Principal verify(String token, Instant now) {
    Principal principal = verifier.verify(token);
    if (principal.expiresAt() != null && !now.isBefore(principal.expiresAt())) {
      throw new AuthenticationException("Token expired");
    }
    return principal;
  }

  /**
   * Installs a verified principal: answers {@code authentication_success}, drops current topics
   * the new principal may not hold (reported as {@code authentication_expired}) and restores
   * topics that lapsed with an earlier token.
   */
  void authenticated(Session session, Principal principal, Instant now, JsonNode requestId) {
    if (session.principal() == null) {
      counters.authenticatedClients.incrementAndGet();
    }
    session.principal(principal);
    session.send(ServerMessages.authenticationSuccess(principal, now, requestId));
    List<String> dropped = subscriptions.dropDisallowed(session);
    if (!dropped.isEmpty()) {
      session.send(ServerMessages.authenticationExpired(dropped, now));
    }
    subscriptions.restoreRevoked(session, now, requestId);
  }

  void failed(Session session, String error, Instant now, JsonNode requestId) {
    counters.authFailures.increment();
    session.send(ServerMessages.authenticationFailure(error, now, requestId));
    if (session.failedAuthentication() >= MAX_FAILED_AUTHENTICATIONS) {
      session.close(CloseCode.POLICY_VIOLATION);
    }
  }

  /**
   * The session's token expired or was revoked: it continues anonymously, loses the topics that
   * need a login, and is told which ({@code authentication_expired}).
   */
  void authenticationLapsed(Session session, Instant now) {
    if (session.principal() == null || session.isClosed()) {
      return;
    }
    session.principal(null);
    counters.authenticatedClients.decrementAndGet();
    List<Subscription> lapsed = subscriptions.revokeDisallowed(session);
    session.send(ServerMessages.authenticationExpired(
        lapsed.stream().map(s -> s.topic).toList(), now));
  }

  private void invalid(Session session, ErrorReason reason, String detail,
      InvalidMessageException cause) {
    counters.invalidMessages.increment();
    session.send(ServerMessages.invalidMessage(reason, detail, clock.instant(),
        cause == null ? null : cause.requestId()));
  }

  /** The welcome message's feature list. */
  List<String> features() {
    List<String> features = new ArrayList<>();
    if (config.compression()) {
      features.add("compression");
    }
    features.add("snapshot");
    features.add("coalescing");
    features.add("resume");
    features.add("compact_snapshot");
    return features;
  }
}
