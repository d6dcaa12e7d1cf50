package org.twgate.gateway.accept;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may take (Postfix's {@code smtpd_timeout} as a per-request deadline, and
 * {@code smtpd_min_data_rate}); {@link Duration#ZERO} switches a deadline off.
 *
 * @param command     a whole command line must arrive within this of the server being ready for it
 * @param data        how far the message content may fall behind {@code minDataRate}
 * @param minDataRate octets per second; each octet received moves the DATA deadline on by
 *                    {@code 1/minDataRate} s, never beyond {@code data} from now; 0: the whole
 *                    content must arrive within {@code data}
 */
public record Deadlines(Duration command, Duration data, long minDataRate) {
    public static final Deadlines NONE = new Deadlines(Duration.ZERO, Duration.ZERO, 0);

    public Deadlines {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(data, "data");
        if (minDataRate < 0) {
            throw new IllegalArgumentException("negative minDataRate " + minDataRate);
        }
    }
}
