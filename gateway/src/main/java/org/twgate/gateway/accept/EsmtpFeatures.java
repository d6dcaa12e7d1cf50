package org.twgate.gateway.accept;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;

/** EHLO keywords beyond James's own (PIPELINING, ENHANCEDSTATUSCODES, 8BITMIME): SIZE and DSN. */
final class EsmtpFeatures implements EhloExtension, org.apache.james.protocols.api.handler.ProtocolHandler {
    private final AcceptSettings settings;

    EsmtpFeatures(AcceptSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        List<String> features = new ArrayList<>(2);
        features.add(settings.maxMessageSize() > 0 ? "SIZE " + settings.maxMessageSize() : "SIZE");
        if (settings.advertiseDsn()) {
            features.add("DSN");
        }
        return features;
    }
}
