package org.twgate.config.route;

/** Whether a pipe command runs once per recipient (as torecvm with -r) or once per message. */
public enum PipePer {
    RECIPIENT,
    MESSAGE
}
