package org.twgate.gateway.deliver;

import java.io.IOException;
import org.twgate.gateway.outcome.DeliveryPolicy.DnsAnswer;

/**
 * A recipient domain's MX lookup that gave no host to try, with what the name server said:
 * {@link org.twgate.gateway.outcome.DeliveryPolicy#forDns} decides what that means.
 */
public final class DnsLookupException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient DnsAnswer answer;

    public DnsLookupException(DnsAnswer answer, String message, Throwable cause) {
        super(message, cause);
        this.answer = answer;
    }

    public DnsAnswer answer() {
        return answer;
    }
}
