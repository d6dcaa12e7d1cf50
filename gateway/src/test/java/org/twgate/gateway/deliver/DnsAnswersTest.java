package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.gateway.deliver.DeliverFixtures.message;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.outcome.Reason;
import org.twgate.testkit.DnsStandIn;
import org.twgate.testkit.DnsStandIn.Answer;
import org.twgate.testkit.RecordingSmtpServer;

/**
 * What a name server's answer makes of an MX route's recipients, through the JDK's DNS client
 * talking to a real (tiny) name server on 127.0.0.1: a domain that does not exist bounces at
 * once, a name server that fails does not.
 */
class DnsAnswersTest {
    private DnsStandIn dns;
    private RecordingSmtpServer server;
    private SmtpTransport transport;

    @BeforeEach
    void start() throws Exception {
        dns = DnsStandIn.start();
        server = RecordingSmtpServer.start();
        transport = new SmtpTransport(DeliverFixtures.config(), new JndiMxResolver(300, 1, dns.url()));
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
        dns.close();
    }

    private RecipientResult deliverTo(String domain) {
        NextHop hop = NextHop.mxOf("mx", domain, server.port()).withMaxConnections(1);
        return transport.deliver(hop, message("a@x.org", "b@" + domain)).recipients().get(0);
    }

    @Test
    void aDomainWithAnMxIsDeliveredThere() {
        dns.answer("good.test", Answer.mx("10 127.0.0.1"));
        assertThat(deliverTo("good.test").outcome()).isEqualTo(Result.DELIVERED);
    }

    @Test
    void nxdomainFailsAtOnceWith512() {
        dns.answer("nowhere.test", Answer.rcode(DnsStandIn.NXDOMAIN));
        RecipientResult r = deliverTo("nowhere.test");
        assertThat(r.outcome()).isEqualTo(Result.FAILED);
        assertThat(r.status().status()).hasToString("5.1.2");
        assertThat(r.status().reason()).isEqualTo(Reason.NO_SUCH_DOMAIN);
        assertThat(r.diagnostic()).contains("nowhere.test");
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aDomainWithNeitherMxNorAddressFailsWith512() {
        dns.answer("empty.test", Answer.rcode(DnsStandIn.NOERROR));
        RecipientResult r = deliverTo("empty.test");
        assertThat(r.outcome()).isEqualTo(Result.FAILED);
        assertThat(r.status().status()).hasToString("5.1.2");
        assertThat(r.status().reason()).isEqualTo(Reason.NO_MAIL_HOST);
    }

    @Test
    void servfailIsTemporary() {
        dns.answer("broken.test", Answer.rcode(DnsStandIn.SERVFAIL));
        RecipientResult r = deliverTo("broken.test");
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.status().reason()).isEqualTo(Reason.DNS_UNAVAILABLE);
    }

    @Test
    void aNameServerThatDoesNotAnswerIsTemporary() {
        dns.answer("silent.test", Answer.silence());
        RecipientResult r = deliverTo("silent.test");
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.status().reason()).isEqualTo(Reason.DNS_UNAVAILABLE);
        assertThat(dns.queries()).isPositive();
    }
}
