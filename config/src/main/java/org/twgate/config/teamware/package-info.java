/**
 * Teamware's own configuration files, read in their own syntax.
 *
 * <p>Takes {@code to.ini} ({@link org.twgate.config.teamware.ToIni}: the {@code [MIME]}
 * options {@code deliver_relayed_dsn}, {@code no_relay}, {@code mode}, {@code allow}) and
 * {@code tombsmtp.ini} ({@link org.twgate.config.teamware.TombSmtpIni}: {@code own_node}
 * lines); hands on {@link org.twgate.config.teamware.ConnectorAcceptance} and
 * {@link org.twgate.config.teamware.OwnNodes}, so that the gateway refuses at RCPT time
 * what the connector would refuse later.
 *
 * <p>Failure: bad values of the options twgate reads are {@code file:line} errors, all
 * reported at once; everything else in the files is ignored.
 */
package org.twgate.config.teamware;
