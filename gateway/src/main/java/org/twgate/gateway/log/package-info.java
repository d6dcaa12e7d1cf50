/**
 * Logging that never makes an SMTP or delivery thread wait: events are handed to logback's
 * writer thread through a bounded queue; when the queue is full (stderr blocked, a log shipper
 * behind) the event is dropped and counted ({@code twgate_log_events_dropped_total}) instead.
 */
package org.twgate.gateway.log;
