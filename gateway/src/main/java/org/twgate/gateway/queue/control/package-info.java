/**
 * Queue control for operators ({@code twgate queue …}): the commands, their text and JSON
 * output, and the control socket ({@code SPOOL/control.sock}, a Unix-domain socket) through which
 * the CLI reaches a running instance, so that no action races its delivery threads. Only the
 * owner of the spool directory can connect (the socket file is created mode 0600).
 */
package org.twgate.gateway.queue.control;
