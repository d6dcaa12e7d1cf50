package org.twgate.gateway.accept;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** RFC 3461 parameter syntax, checked at MAIL and RCPT time; each method returns the problem or null. */
final class DsnSyntax {
    private DsnSyntax() {
    }

    static String retProblem(String value) {
        return value != null && (value.equalsIgnoreCase("FULL") || value.equalsIgnoreCase("HDRS"))
                ? null : "RET must be FULL or HDRS, not '" + value + "'";
    }

    static String envidProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "ENVID needs a value";
        }
        if (value.length() > 100) {
            return "ENVID longer than 100 characters";
        }
        return xtextProblem(value, "ENVID");
    }

    static String notifyProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "NOTIFY needs a value";
        }
        Set<String> seen = new HashSet<>();
        for (String item : value.toUpperCase(Locale.ROOT).split(",", -1)) {
            if (!Set.of("NEVER", "SUCCESS", "FAILURE", "DELAY").contains(item)) {
                return "NOTIFY value '" + item + "' is not NEVER, SUCCESS, FAILURE or DELAY";
            }
            if (!seen.add(item)) {
                return "NOTIFY lists " + item + " twice";
            }
        }
        if (seen.contains("NEVER") && seen.size() > 1) {
            return "NOTIFY=NEVER cannot be combined with other values";
        }
        return null;
    }

    static String orcptProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "ORCPT needs a value";
        }
        if (value.length() > 500) {
            return "ORCPT longer than 500 characters";
        }
        int semi = value.indexOf(';');
        if (semi <= 0 || semi == value.length() - 1) {
            return "ORCPT must be addr-type;address, not '" + value + "'";
        }
        return xtextProblem(value.substring(semi + 1), "ORCPT");
    }

    private static String xtextProblem(String value, String name) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length()) {
                    return name + " has a truncated +XX escape";
                }
                if (!isHexUpper(value.charAt(i + 1)) || !isHexUpper(value.charAt(i + 2))) {
                    return name + " has a bad +XX escape at position " + (i + 1);
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return name + " contains '" + c + "', which xtext does not allow";
            }
        }
        return null;
    }

    private static boolean isHexUpper(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
