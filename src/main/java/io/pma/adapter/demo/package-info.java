/**
 * The built-in demo home: about 25 virtual devices whose sensors drift, whose motion sensor fires
 * now and then, and which obey actions. The embedded default when no other adapter is configured.
 */
package io.pma.adapter.demo;
