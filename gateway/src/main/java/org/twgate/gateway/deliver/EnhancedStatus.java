package org.twgate.gateway.deliver;

/**
 * An RFC 3463 enhanced status code, {@code class.subject.detail} (e.g. {@code 5.1.1}).
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class " + statusClass + " is not 2, 4 or 5");
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status " + statusClass + "." + subject + "." + detail
                    + " has a part outside 0-999");
        }
    }

    /**
     * Reads the code at the start of {@code text} (followed by a space or the end), or returns
     * null when the text does not start with one: a missing code is normal for old servers.
     */
    public static EnhancedStatus parseLeading(String text) {
        int end = text.indexOf(' ');
        String token = end < 0 ? text : text.substring(0, end);
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            numbers[i] = Integer.parseInt(part);
        }
        if (parts[0].length() != 1 || (numbers[0] != 2 && numbers[0] != 4 && numbers[0] != 5)) {
            return null;
        }
        return new EnhancedStatus(numbers[0], numbers[1], numbers[2]);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
