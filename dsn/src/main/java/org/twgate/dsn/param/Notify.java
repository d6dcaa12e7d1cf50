package org.twgate.dsn.param;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The RFC 3461 §4.1 {@code NOTIFY} parameter: {@code NEVER}, or a comma list of SUCCESS,
 * FAILURE and DELAY. An empty condition set means NEVER.
 */
public record Notify(Set<NotifyCondition> conditions) {

    public static final Notify NEVER = new Notify(EnumSet.noneOf(NotifyCondition.class));

    /**
     * What a recipient without NOTIFY gets: RFC 3461 §4.1 leaves FAILURE or FAILURE,DELAY to
     * the MTA; like Postfix and Sendmail we take both.
     */
    public static final Notify DEFAULT =
            new Notify(EnumSet.of(NotifyCondition.FAILURE, NotifyCondition.DELAY));

    public Notify {
        EnumSet<NotifyCondition> copy = EnumSet.noneOf(NotifyCondition.class);
        copy.addAll(conditions);
        conditions = Collections.unmodifiableSet(copy);
    }

    public static Notify of(NotifyCondition first, NotifyCondition... rest) {
        return new Notify(EnumSet.of(first, rest));
    }

    /** Parses a NOTIFY value, case-insensitively, refusing duplicates and NEVER with others. */
    public static Notify parse(String value) throws SmtpArgumentException {
        if (value.isEmpty()) {
            throw SmtpArgumentException.badParameter("NOTIFY needs a value");
        }
        String[] items = value.split(",", -1);
        EnumSet<NotifyCondition> seen = EnumSet.noneOf(NotifyCondition.class);
        boolean never = false;
        for (String raw : items) {
            String item = raw.toUpperCase(Locale.ROOT);
            if (item.isEmpty()) {
                throw SmtpArgumentException.badParameter("Empty item in NOTIFY="
                        + SmtpArgumentException.quote(value));
            }
            if (item.equals("NEVER")) {
                if (never) {
                    throw SmtpArgumentException.badParameter("Duplicate NEVER in NOTIFY="
                            + SmtpArgumentException.quote(value));
                }
                never = true;
                continue;
            }
            NotifyCondition condition = condition(item, value);
            if (!seen.add(condition)) {
                throw SmtpArgumentException.badParameter("Duplicate " + condition + " in NOTIFY="
                        + SmtpArgumentException.quote(value));
            }
        }
        if (never && !seen.isEmpty()) {
            throw SmtpArgumentException.badParameter("NOTIFY=NEVER cannot be combined with other values: "
                    + SmtpArgumentException.quote(value));
        }
        return new Notify(seen);
    }

    private static NotifyCondition condition(String item, String value) throws SmtpArgumentException {
        try {
            return NotifyCondition.valueOf(item);
        } catch (IllegalArgumentException e) {
            throw SmtpArgumentException.badParameter("Unknown NOTIFY value "
                    + SmtpArgumentException.quote(item) + " in NOTIFY=" + SmtpArgumentException.quote(value));
        }
    }

    public boolean isNever() {
        return conditions.isEmpty();
    }

    public boolean has(NotifyCondition condition) {
        return conditions.contains(condition);
    }

    /** The canonical wire form: {@code NEVER} or e.g. {@code SUCCESS,FAILURE}. */
    public String toParameterValue() {
        if (isNever()) {
            return "NEVER";
        }
        return conditions.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
