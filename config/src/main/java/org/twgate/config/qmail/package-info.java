/**
 * qmail's own files, read in their own syntax for {@code twgate import qmail}: control files
 * ({@link org.twgate.config.qmail.ControlFile}: me, locals, rcpthosts, defaultdomain, plusdomain,
 * envnoathost; {@link org.twgate.config.qmail.VirtualDomains}), {@code users/assign}
 * ({@link org.twgate.config.qmail.UsersAssign}), {@code .qmail} files
 * ({@link org.twgate.config.qmail.DotQmail}) and their program lines
 * ({@link org.twgate.config.qmail.ShellWords}), and tcp_wrappers' {@code hosts.allow}
 * ({@link org.twgate.config.qmail.HostsAllow}); smtproutes and tcp.smtp are read by the route and
 * policy packages as for the running gateway.
 *
 * <p>Takes file names and lines; hands on what qmail would make of them, with qmail's lookup
 * order (qmail-send's virtualdomains, qmail-lspawn's assignments, qmail-local's {@code .qmail}
 * instructions), each item carrying its {@code file:line}.
 *
 * <p>Failure: these parsers never fail on content. A line qmail would reject or that cannot mean
 * what it seems to is a {@link org.twgate.config.qmail.QmailNote} naming {@code file:line} and
 * why, and the line is left out; the importer decides what a note means for its exit code.
 */
package org.twgate.config.qmail;
