package org.twgate.dsn.status;

import java.util.Locale;

/** The RFC 3464 §2.3.3 {@code Action} of a per-recipient section. */
public enum Action {
    FAILED("Failure"),
    DELAYED("Delay"),
    DELIVERED("Success"),
    RELAYED("Relayed"),
    EXPANDED("Expanded");

    private final String subjectWord;

    Action(String subjectWord) {
        this.subjectWord = subjectWord;
    }

    /** The field value as written in a report: {@code failed}, {@code relayed}, ... */
    public String fieldValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word a report's Subject uses, e.g. "Delivery Status Notification (Failure)". */
    public String subjectWord() {
        return subjectWord;
    }

    /** Parses a field value case-insensitively; throws quoting the text otherwise. */
    public static Action parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Action a : values()) {
            if (a.name().equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Not an RFC 3464 action: '" + value + "'");
    }
}
