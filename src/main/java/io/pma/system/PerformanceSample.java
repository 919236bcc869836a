package io.pma.system;

/**
 * One reading of the figures that performance alerts watch: heap in use (% of max), the longest
 * time an event loop was blocked since the previous sample, the fan-out latency p99, the messages
 * waiting in all /ws outbound queues and the age of the oldest unwritten entity change.
 */
public record PerformanceSample(
    double heapUsedPercent,
    double eventLoopBlockedMs,
    double fanoutP99Ms,
    double outboundQueueDepth,
    double databaseWriteLagMs) {}
