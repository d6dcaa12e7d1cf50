/**
 * {@code twgate import qmail}: an existing qmail integration with Teamware (the seeds' methods)
 * translated into one twgate configuration.
 *
 * <p>Takes a qmail host's files through {@link org.twgate.config.migrate.QmailTree} (control/,
 * users/assign, the {@code .qmail} files they lead to, tcp.smtp or hosts.allow, Teamware's
 * to.ini and tombsmtp.ini), read by the {@code qmail}, {@code route}, {@code policy} and
 * {@code teamware} parsers; {@link org.twgate.config.migrate.QmailImporter} decides, address
 * class by address class, what qmail did (qmail-send's locals and virtualdomains, qmail-lspawn's
 * assignments, qmail-local's {@code .qmail} search, qmail-remote's smtproutes) and hands on an
 * {@link org.twgate.config.migrate.ImportPlan}: routes, rule sets, policy and teamware entries
 * each naming the {@code file:line} it came from, the qmail side of the change, and notes.
 * {@link org.twgate.config.migrate.ImportYaml} and {@link org.twgate.config.migrate.ImportPatch}
 * render it.
 *
 * <p>Failure: nothing here throws on content. What cannot be translated is a
 * {@link org.twgate.config.qmail.QmailNote} of kind LEFT_OUT naming {@code file:line} and why;
 * an unreadable file is one too. The importer never writes anything.
 */
package org.twgate.config.migrate;
