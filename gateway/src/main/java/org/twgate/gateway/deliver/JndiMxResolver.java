package org.twgate.gateway.deliver;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * MX lookup through the JDK's own DNS provider ({@code com.sun.jndi.dns}), using the
 * system's resolvers. Not unit-tested against the network; the parsing and ordering it
 * relies on are ({@link MxRecord}).
 */
public final class JndiMxResolver implements MxResolver {

    private final int timeoutMillis;
    private final int retries;

    public JndiMxResolver(int timeoutMillis, int retries) {
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
    }

    @Override
    public List<String> exchanges(String domain) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", Integer.toString(timeoutMillis));
        env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(retries));
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
            return MxRecord.order(domain, records);
        } catch (NameNotFoundException e) {
            throw new UnknownHostException("no such domain '" + domain + "' (MX lookup)");
        } catch (NamingException | IllegalArgumentException e) {
            throw new IOException("MX lookup for '" + domain + "' failed: " + e.getMessage(), e);
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
}
