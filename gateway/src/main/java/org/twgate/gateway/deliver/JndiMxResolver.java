package org.twgate.gateway.deliver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.twgate.gateway.outcome.DeliveryPolicy.DnsAnswer;

/**
 * MX lookup through the JDK's own DNS provider ({@code com.sun.jndi.dns}), using the system's
 * resolvers (or the name servers given). Unlike {@code InetAddress}, it tells a name that does
 * not exist ({@link NameNotFoundException}: NXDOMAIN) from a server that failed
 * ({@link ServiceUnavailableException}: SERVFAIL) or did not answer ({@link CommunicationException}:
 * timeout), which decides between bouncing and retrying.
 */
public final class JndiMxResolver implements MxResolver {

    private final int timeoutMillis;
    private final int retries;
    private final String servers;

    public JndiMxResolver(int timeoutMillis, int retries) {
        this(timeoutMillis, retries, null);
    }

    /** @param servers JNDI provider URL such as {@code dns://127.0.0.1:5353}, or null for the system's */
    public JndiMxResolver(int timeoutMillis, int retries, String servers) {
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.servers = servers;
    }

    /**
     * @throws DnsLookupException NO_SUCH_DOMAIN (NXDOMAIN), NO_MAIL_HOST (neither MX nor
     *                            A/AAAA/CNAME records), UNAVAILABLE (SERVFAIL, timeout, other)
     */
    @Override
    public List<String> exchanges(String domain) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", Integer.toString(timeoutMillis));
        env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(retries));
        if (servers != null) {
            env.put(DirContext.PROVIDER_URL, servers);
        }
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(domain, new String[] {"MX"});
            Attribute mx = attributes.get("MX");
            List<MxRecord> records = new ArrayList<>();
            if (mx != null) {
                NamingEnumeration<?> values = mx.getAll();
                while (values.hasMore()) {
                    records.add(MxRecord.parse(String.valueOf(values.next())));
                }
            }
            if (records.isEmpty() && !hasAddress(context, domain)) {
                throw new DnsLookupException(DnsAnswer.NO_MAIL_HOST,
                        "domain '" + domain + "' has no MX and no A/AAAA record", null);
            }
            return MxRecord.order(domain, records);
        } catch (NameNotFoundException e) {
            throw new DnsLookupException(DnsAnswer.NO_SUCH_DOMAIN, "no such domain '" + domain + "' (NXDOMAIN)", e);
        } catch (NamingException | IllegalArgumentException e) {
            // ServiceUnavailableException (SERVFAIL), CommunicationException (no answer) and the rest
            throw new DnsLookupException(DnsAnswer.UNAVAILABLE,
                    "MX lookup for '" + domain + "' failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // closing a DNS context releases nothing we depend on
                }
            }
        }
    }

    /**
     * RFC 5321 §5.1 implicit MX: the domain itself, if it has an address. A CNAME counts (the
     * system resolver follows it when connecting). One query per type: several types in one
     * call make JNDI ask for ANY, which RFC 8482 lets servers answer with almost nothing, and
     * that must never read as "no address".
     */
    private static boolean hasAddress(DirContext context, String domain) throws NamingException {
        for (String type : new String[] {"A", "AAAA", "CNAME"}) {
            if (context.getAttributes(domain, new String[] {type}).size() > 0) {
                return true;
            }
        }
        return false;
    }
}
