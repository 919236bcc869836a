/** End-to-end tests of the web dashboard in Debian's headless Chromium against a real server. */
package io.pma.dashboard;
