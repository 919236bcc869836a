/**
 * The command line: arguments parsed once into a typed {@link io.pma.cli.Command}, and the
 * commands that work on PMA's data without a server (password reset, backup).
 */
package io.pma.cli;
