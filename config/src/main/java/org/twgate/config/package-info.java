/**
 * twgate's configuration: one YAML file, environment overrides, and the qmail and
 * Teamware files it may import.
 *
 * <p>Takes a file path (or nothing: the embedded defaults) and the process environment
 * ({@link org.twgate.config.ConfigLoader}); hands on one immutable, fully validated
 * {@link org.twgate.config.GatewayConfig}, and a readable rendering of it
 * ({@link org.twgate.config.ConfigDescriber}) for {@code twgate check}.
 *
 * <p>Failure: the whole configuration is validated at load time and every problem is
 * reported at once in a {@link org.twgate.config.ConfigException}, one
 * {@code file:line: message} (or {@code env TWGATE_...: message}) per line, quoting the bad
 * value. Nothing here fails after loading.
 */
package org.twgate.config;
