/**
 * The {@code rewrite} section as values: named, compiled rule sets
 * ({@link org.twgate.rewrite.rule.RuleSet}) and how routes apply them to headers.
 *
 * <p>Takes the YAML {@code rewrite.sets} and the {@code own_node} lines of Teamware's
 * {@code tombsmtp.ini}; hands on a {@link org.twgate.config.rewrite.RewriteConfig} that routes
 * refer to by set name. Fails at load time, never later: every bad rule, pattern, template or
 * reference is a {@code file:line} problem of the configuration.
 */
package org.twgate.config.rewrite;
