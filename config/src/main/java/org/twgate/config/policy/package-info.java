/**
 * Who may send what: qmail's access rules.
 *
 * <p>Takes {@code relay_clients} entries, a tcp.smtp rules file
 * ({@link org.twgate.config.policy.TcpRules}) and rcpthosts entries
 * ({@link org.twgate.config.policy.RcptHosts}); hands on
 * {@link org.twgate.config.policy.ClientAccess#decide} (may this client connect, may it
 * relay, and which rule said so) and {@link org.twgate.config.policy.AcceptedDomains#accepts}.
 *
 * <p>Failure: malformed rules and entries are {@code file:line} errors at load time; rules
 * twgate cannot honour (host names, ident) are warnings. Deciding never fails.
 */
package org.twgate.config.policy;
