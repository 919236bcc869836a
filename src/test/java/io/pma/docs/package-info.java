/** Tests that keep the documentation true: its examples run against a live server. */
package io.pma.docs;
