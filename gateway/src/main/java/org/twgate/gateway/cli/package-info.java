/**
 * The {@code twgate} command: {@code run}, {@code check} (and later {@code queue},
 * {@code address}). Exit codes: 0 success, 1 a check found problems, 2 usage or configuration
 * error, 3 start-up failure (a port in use, an unwritable spool).
 */
package org.twgate.gateway.cli;
