package org.twgate.config.migrate;

/**
 * Where the import looks, as paths on the qmail host (read under {@link QmailTree}'s root).
 *
 * @param qmailDir    qmail's home: control/, users/assign, alias/
 * @param aliasHome   the alias user's home, where {@code ~alias/.qmail-*} are
 * @param homes       the directory of users' home directories: a user named by virtualdomains
 *                    lives in {@code homes/USER} unless users/assign names another home
 * @param teamwareDir Teamware's directory with {@code to.ini} and {@code tombsmtp.ini}
 * @param tcpRules    the text source of tcp.smtp.cdb (tcpserver), if any
 * @param hostsAllow  tcp_wrappers' hosts.allow (inetd), if any
 * @param listen      where the twgate it configures listens ({@code host:port}); qmail's side
 *                    of the patch sends there
 */
public record ImportOptions(String qmailDir, String aliasHome, String homes, String teamwareDir, String tcpRules,
                            String hostsAllow, String listen) {

    public static final String QMAIL_DIR = "/var/qmail";

    /** The seeds' layout: /var/qmail, its alias/, /home, Teamware in /to, /etc/tcp.smtp, /etc/hosts.allow. */
    public static ImportOptions defaults() {
        return new ImportOptions(QMAIL_DIR, QMAIL_DIR + "/alias", "/home", "/to", "/etc/tcp.smtp",
                "/etc/hosts.allow", "127.0.0.1:2525");
    }

    /** The listen address as an smtproutes relay: {@code [127.0.0.1]:2525}. */
    public String listenRelay() {
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        String port = listen.substring(colon + 1);
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        String h = host.startsWith("[") ? host : ip ? "[" + host + "]" : host;
        return h + ":" + port;
    }
}
