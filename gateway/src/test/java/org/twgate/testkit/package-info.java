/**
 * Test fixtures shared with the {@code it} module through the gateway's test-jar.
 *
 * <p>{@link org.twgate.testkit.RecordingSmtpServer} is a real SMTP server on 127.0.0.1
 * whose answers are scripted per command and which records what it received byte for
 * byte. {@link org.twgate.testkit.Await} waits for a condition with a deadline, in place of
 * sleeping. {@link org.twgate.testkit.Closeables#closeAll} is the teardown: it closes everything a
 * test started even when one close fails. Fixtures fail tests by throwing {@link java.lang.AssertionError} with what they
 * were waiting for.
 */
package org.twgate.testkit;
