package org.twgate.gateway.notify;

import io.netty.buffer.Unpooled;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

/** A spool in a temporary directory and a local submission that collects what notify queues. */
final class NoticeFixture implements AutoCloseable {
    final Spool spool;
    final List<StoredMessage> submitted = new CopyOnWriteArrayList<>();
    final LocalSubmission submission;

    NoticeFixture(Path dir) throws IOException {
        spool = Spool.open(dir, 1);
        submission = new LocalSubmission(spool, submitted::add, Clock.systemUTC());
    }

    /** Stores a message; each recipient is "address" or "address NOTIFY" or "address NOTIFY ORCPT". */
    StoredMessage store(String sender, String ret, String envid, String content, String... recipients)
            throws Exception {
        List<EnvelopeRecipient> list = new ArrayList<>();
        for (String r : recipients) {
            String[] p = r.split(" ");
            list.add(new EnvelopeRecipient(list.size(), p[0], p.length > 1 ? p[1] : null, p.length > 2 ? p[2] : null));
        }
        Envelope env = new Envelope(sender, list, ret, envid, null, false, Instant.parse("2026-03-01T10:00:00Z"),
                "127.0.0.1", "client.example", "ESMTP");
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), env, new byte[0]);
        in.write(Unpooled.copiedBuffer(content, StandardCharsets.UTF_8));
        return in.commit().get();
    }

    byte[] bytes(StoredMessage m) throws IOException {
        try (InputStream in = spool.openContent(m)) {
            return in.readAllBytes();
        }
    }

    String text(StoredMessage m) throws IOException {
        return new String(bytes(m), StandardCharsets.UTF_8);
    }

    MimeMessage mime(StoredMessage m) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(m)));
    }

    DeliveryStatus deliveryStatus(StoredMessage m) throws Exception {
        return (DeliveryStatus) ((MultipartReport) mime(m).getContent()).getReport();
    }

    @Override
    public void close() {
        spool.close();
    }
}
