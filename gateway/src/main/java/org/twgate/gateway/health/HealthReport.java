package org.twgate.gateway.health;

import java.util.List;

/** The result of all readiness conditions: ready only if every one is ok. */
public record HealthReport(List<Check> checks) {
    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The plain-text body: a first line {@code ready} or {@code not ready}, then one line per check. */
    public String text() {
        StringBuilder out = new StringBuilder(ready() ? "ready\n" : "not ready\n");
        checks.forEach(c -> out.append(c.line()).append('\n'));
        return out.toString();
    }
}
