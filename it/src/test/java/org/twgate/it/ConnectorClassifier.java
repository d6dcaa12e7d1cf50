package org.twgate.it;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.twgate.config.teamware.OwnNodes;
import org.twgate.testkit.RecordedTransaction;

/**
 * What the Teamware Connector for MIME makes of a delivered message: each envelope recipient is
 * a To, Cc or Bcc recipient depending on whether its address is found among the To: or Cc:
 * header addresses. Both sides are compared after the connector's own base-address aliases
 * ({@code own_node = A:alias} maps alias domains onto the first base domain), ignoring case.
 * An envelope recipient found in neither field is Bcc: the defect of qmail's {@code forward}.
 */
final class ConnectorClassifier {
    enum Kind { TO, CC, BCC }

    private final Map<String, String> aliasToBase = new LinkedHashMap<>();

    private ConnectorClassifier(OwnNodes ownNodes) {
        if (!ownNodes.base().isEmpty()) {
            ownNodes.aliases().forEach(a -> aliasToBase.put(a, ownNodes.base().get(0)));
        }
    }

    static ConnectorClassifier of(OwnNodes ownNodes) {
        return new ConnectorClassifier(ownNodes);
    }

    /** Every envelope recipient of {@code t}, as sent, with its kind; in RCPT order. */
    Map<String, Kind> classify(RecordedTransaction t) throws MessagingException {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(t.data()));
        Set<String> to = addresses(headers.getHeader("To", ","));
        Set<String> cc = addresses(headers.getHeader("Cc", ","));
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String address : envelopeRecipients(t)) {
            String key = normalise(address);
            kinds.put(address, to.contains(key) ? Kind.TO : cc.contains(key) ? Kind.CC : Kind.BCC);
        }
        return kinds;
    }

    static List<String> envelopeRecipients(RecordedTransaction t) {
        return t.rcpts().stream().map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).toList();
    }

    private Set<String> addresses(String field) throws AddressException {
        Set<String> out = new HashSet<>();
        if (field == null) {
            return out;
        }
        for (InternetAddress a : InternetAddress.parseHeader(field, false)) {
            if (a.isGroup()) {
                for (InternetAddress member : a.getGroup(false)) {
                    out.add(normalise(member.getAddress()));
                }
            } else {
                out.add(normalise(a.getAddress()));
            }
        }
        return out;
    }

    private String normalise(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        String base = aliasToBase.get(a.substring(at + 1));
        return base == null ? a : a.substring(0, at + 1) + base;
    }
}
