/**
 * The automation engine: rules (triggers, conditions, actions) as typed values, their validation,
 * and the engine that watches the broker, starts runs and carries out their actions.
 *
 * <p>The engine runs on one Vert.x context of its own; broker listeners only hand events to it.
 * Time comes from an injected {@link java.time.Clock} and {@link io.pma.automation.Scheduler}, so
 * tests drive time triggers and {@code for:} durations with a controllable clock.
 */
package io.pma.automation;
