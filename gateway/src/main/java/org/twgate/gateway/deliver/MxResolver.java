package org.twgate.gateway.deliver;

import java.io.IOException;
import java.util.List;

/**
 * Finds the mail exchangers of a domain, for hops without a relay (qmail: empty relay means
 * "use MX").
 */
@FunctionalInterface
public interface MxResolver {

    /**
     * The hosts to try, best first: MX hosts by preference, or the domain itself when it has
     * no MX record (RFC 5321 §5.1 implicit MX: its A/AAAA records). An empty list means a
     * null MX (RFC 7505): the domain accepts no mail.
     *
     * @throws IOException when the lookup fails (timeout, no such domain): a transient fault
     */
    List<String> exchanges(String domain) throws IOException;
}
