package org.twgate.dsn.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

/** Reads a rendered report back with Angus Mail's independent DSN parser. */
public final class AngusReports {

    private AngusReports() {
    }

    public static MimeMessage message(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    public static MultipartReport report(byte[] bytes) throws Exception {
        return (MultipartReport) message(bytes).getContent();
    }

    public static DeliveryStatus deliveryStatus(byte[] bytes) throws Exception {
        return (DeliveryStatus) report(bytes).getReport();
    }
}
