/**
 * The {@code twgate} command: {@code run}, {@code check}, {@code address} (and later
 * {@code queue}). Exit codes: 0 success, 1 a check found problems (or an address that cannot be
 * rewritten), 2 usage or configuration
 * error, 3 start-up failure (a port in use, an unwritable spool).
 */
package org.twgate.gateway.cli;
