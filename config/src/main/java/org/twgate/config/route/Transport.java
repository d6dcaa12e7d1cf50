package org.twgate.config.route;

/** How a route delivers: SMTP to a relay, or a pipe to a local command such as torecvm. */
public enum Transport {
    SMTP,
    PIPE
}
