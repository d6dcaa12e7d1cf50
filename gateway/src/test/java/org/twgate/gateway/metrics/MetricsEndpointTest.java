package org.twgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.health.Readiness;

class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<List<InetSocketAddress>> listening =
            new AtomicReference<>(List.of(new InetSocketAddress("127.0.0.1", 2525)));
    @TempDir
    Path spool;
    GatewayMetrics metrics;
    MetricsEndpoint endpoint;

    @BeforeEach
    void start() {
        metrics = new GatewayMetrics(Clock.systemUTC());
        Readiness readiness = new Readiness(listening::get, spool, () -> 1L << 40, 0, () -> "test.yaml");
        endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), metrics, readiness);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        metrics.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextWithTwgateMeters() throws Exception {
        metrics.rewrite("inbound");
        HttpResponse<String> r = request("GET", "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("twgate_rewrites_total{rule_set=\"inbound\"} 1.0")
                .contains("# TYPE twgate_sessions_total counter").contains("jvm_memory_used_bytes");
    }

    @Test
    void readyAnswers503WithTheReasonOnceTheListenerIsGone() throws Exception {
        assertThat(request("GET", "/health/ready").statusCode()).isEqualTo(200);
        listening.set(List.of());
        HttpResponse<String> r = request("GET", "/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("not ready\n").contains("FAIL smtp: not listening");
        assertThat(request("GET", "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesOtherMethodsAndPaths() throws Exception {
        HttpResponse<String> post = request("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(request("GET", "/metrics/extra").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/health/readyz").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesToStartOnAPortInUse() {
        InetSocketAddress taken = endpoint.address();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsEndpoint.start(taken, metrics,
                        new Readiness(List::of, spool, () -> 0, 0, () -> null)))
                .hasMessageContaining("cannot listen for metrics on " + taken);
    }
}
