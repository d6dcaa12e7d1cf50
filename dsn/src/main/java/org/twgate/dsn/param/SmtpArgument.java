package org.twgate.dsn.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed MAIL or RCPT argument.
 *
 * @param path       the address between the angle brackets, source route removed;
 *                   empty for the null reverse-path {@code <>}
 * @param parameters ESMTP parameters in the order given, keyed by upper-cased keyword; a
 *                   keyword without {@code =value} maps to the empty string (an empty value
 *                   after {@code =} is refused by the parser, so the two cannot be confused)
 */
public record SmtpArgument(String path, Map<String, String> parameters) {

    public SmtpArgument {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The value of a parameter, looked up case-insensitively. */
    public Optional<String> parameter(String keyword) {
        return Optional.ofNullable(parameters.get(keyword.toUpperCase(Locale.ROOT)));
    }

    public boolean isNullPath() {
        return path.isEmpty();
    }

    /** Refuses the first parameter not in {@code supported} (upper-case keywords). */
    public void requireOnly(Set<String> supported) throws SmtpArgumentException {
        for (String keyword : parameters.keySet()) {
            if (!supported.contains(keyword)) {
                throw SmtpArgumentException.unsupportedParameter(keyword);
            }
        }
    }
}
