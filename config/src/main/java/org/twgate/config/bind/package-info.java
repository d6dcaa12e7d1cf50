/**
 * Binding, internal to the loader: gives the untyped tree its types.
 *
 * <p>Takes the merged tree (defaults, file, environment) and the directory imported files
 * are relative to; reads imported qmail and Teamware files through their parsers; hands
 * on a {@link org.twgate.config.GatewayConfig}. Failure: every bad value, unknown key and
 * unreadable or malformed imported file becomes a {@link org.twgate.config.Problem}; the
 * caller throws them together.
 */
package org.twgate.config.bind;
