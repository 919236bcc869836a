/**
 * Notifications for people: checks what a sender (the REST API, automations, the system itself)
 * asks for, keeps the recent ones in the store, then publishes each on the broker.
 */
package io.pma.notify;
