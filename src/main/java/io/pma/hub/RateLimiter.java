package io.pma.hub;

/**
 * Inbound rate limit of one connection: a token bucket ({@code perSecond} refill, {@code burst}
 * capacity) decides which messages are handled; a second, leaky counter of refused messages decides
 * when refusal turns into abuse (more than {@code burst} refusals outstanding, leaking at
 * {@code burst / 10} per second). Confined to the connection's event loop.
 */
final class RateLimiter {
  enum Verdict { ACCEPT, REFUSE, ABUSE }

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private final double perNano;
  private final double burst;
  private final double abuseLeakPerNano;
  private double tokens;
  private double refusals;
  private long lastNanos;

  RateLimiter(int perSecond, int burst, long nowNanos) {
    this.perNano = (double) perSecond / NANOS_PER_SECOND;
    this.burst = burst;
    this.abuseLeakPerNano = burst / 10.0 / NANOS_PER_SECOND;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  Verdict onMessage(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    tokens = Math.min(burst, tokens + elapsed * perNano);
    refusals = Math.max(0, refusals - elapsed * abuseLeakPerNano);
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    refusals += 1;
    return refusals > burst ? Verdict.ABUSE : Verdict.REFUSE;
  }
}
