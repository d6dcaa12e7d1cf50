package org.twgate.gateway.health;

/**
 * The outcome of one readiness condition.
 *
 * @param name   what was checked, e.g. {@code spool}
 * @param ok     whether the gateway can do its job as far as this condition goes
 * @param detail what was found, in words an operator can act on (quoting paths and figures)
 */
public record Check(String name, boolean ok, String detail) {
    public static Check ok(String name, String detail) {
        return new Check(name, true, detail);
    }

    public static Check failed(String name, String detail) {
        return new Check(name, false, detail);
    }

    /** One line of the plain-text body: {@code ok spool: …} or {@code FAIL spool: …}. */
    String line() {
        return (ok ? "ok   " : "FAIL ") + name + ": " + detail;
    }
}
