package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files, checked without a Docker engine: the compose file and the provisioning
 * files parse as YAML and have the services, ports, volumes and health check the README
 * promises; the Dockerfile is multi-stage, runs as a non-root user with an exec-form
 * ENTRYPOINT; the shipped configuration loads; Prometheus's own checker accepts its config.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("twgate.root", ".."));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void composeRunsTwgateNextToAConnectorWithPrometheusAndGrafana() throws Exception {
        Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
        assertThat(services).containsOnlyKeys("twgate", "connector", "prometheus", "grafana");

        Map<String, Object> twgate = map(services.get("twgate"));
        assertThat(map(twgate.get("build"))).containsEntry("dockerfile", "deploy/Dockerfile");
        assertThat((List<String>) twgate.get("ports")).containsExactly("127.0.0.1:2525:2525", "127.0.0.1:9464:9464");
        assertThat((List<String>) twgate.get("volumes")).containsExactly("twgate-spool:/var/spool/twgate");
        assertThat(map(yaml("docker-compose.yml").get("volumes"))).containsKey("twgate-spool");
        assertThat(twgate.get("stop_grace_period")).isEqualTo("45s");
        Map<String, Object> health = map(twgate.get("healthcheck"));
        assertThat((List<String>) health.get("test")).contains("http://127.0.0.1:9464/health/ready");

        assertThat((List<String>) map(services.get("prometheus")).get("volumes"))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat((List<String>) map(services.get("grafana")).get("volumes")).containsExactly(
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(map(map(services.get("connector")).get("build"))).containsEntry("context", "deploy/connector-sink");
        for (String dir : List.of("deploy/prometheus/prometheus.yml", "deploy/grafana/provisioning",
                "deploy/grafana/dashboards/twgate.json", "deploy/connector-sink/Dockerfile")) {
            assertThat(ROOT.resolve(dir)).as("mounted or built from").exists();
        }
    }

    @Test
    void dockerfileIsMultiStageNonRootWithHealthCheckAndExecFormEntrypoint() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("deploy/Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSize(2)
                .first().asString().endsWith(" AS build");
        assertThat(lines).contains("COPY --from=build /src/gateway/target/twgate.jar /opt/twgate/twgate.jar")
                .contains("USER twgate").contains("VOLUME [\"/var/spool/twgate\"]").contains("STOPSIGNAL SIGTERM");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entrypoint).as("exec form: the JVM is PID 1 and receives SIGTERM").matches("ENTRYPOINT \\[\".*\"]");
        assertThat(lines).as("the package's JVM options, one file for both").contains("COPY deploy/jvm.options /opt/twgate/jvm.options");
        assertThat(entrypoint).as("the options file, then JAVA_OPTS, which so wins; sh execs the JVM")
                .contains("exec java @/opt/twgate/jvm.options $JAVA_OPTS -jar /opt/twgate/twgate.jar");
        int user = lines.indexOf("USER twgate");
        assertThat(lines.subList(user, lines.size())).as("nothing runs as root after USER")
                .noneMatch(l -> l.startsWith("USER ") && !l.equals("USER twgate"));
        int health = lines.indexOf(lines.stream().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow());
        assertThat(lines.get(health + 1)).contains("http://127.0.0.1:9464/health/ready");
        assertThat(Files.readAllLines(ROOT.resolve("deploy/connector-sink/Dockerfile")))
                .anyMatch(l -> l.matches("ENTRYPOINT \\[\"/usr/sbin/smtp-sink\".*]"));
    }

    @Test
    void shippedContainerConfigurationLoadsWithTheComposeOverrides() throws Exception {
        Map<String, String> env = new HashMap<>();
        map(map(map(yaml("docker-compose.yml").get("services")).get("twgate")).get("environment"))
                .forEach((k, v) -> env.put(k, String.valueOf(v)));
        GatewayConfig config = ConfigLoader.load(ROOT.resolve("deploy/twgate.yaml"), env);
        assertThat(config.server().hostname()).isEqualTo("twgate.example");
        assertThat(config.metrics().listen()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(9464));
        assertThat(config.spool().directory()).isEqualTo(Path.of("/var/spool/twgate"));
    }

    @Test
    void grafanaProvisioningPointsAtTheComposePrometheusAndDashboards() throws Exception {
        Map<String, Object> source = map(((List<?>) yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
                .get("datasources")).get(0));
        assertThat(source).containsEntry("uid", "prometheus").containsEntry("url", "http://prometheus:9090");
        Map<String, Object> provider = map(((List<?>) yaml("deploy/grafana/provisioning/dashboards/twgate.yml")
                .get("providers")).get(0));
        assertThat(map(provider.get("options"))).containsEntry("path", "/var/lib/grafana/dashboards");
        assertThat(Files.readString(ROOT.resolve("deploy/grafana/dashboards/twgate.json")))
                .contains("\"uid\": \"prometheus\"");
    }

    @Test
    void prometheusConfigPassesPromtool() throws Exception {
        Promtool.checkConfig(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Object> job = map(((List<?>) yaml("deploy/prometheus/prometheus.yml").get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/metrics");
        assertThat(job.toString()).contains("twgate:9464");
    }

    @Test
    void packageConffileIsTheEmbeddedDefaultsButForTheSpoolDirectory() throws Exception {
        // Where each value came from (file:line or <defaults>) differs, and may; the values may not.
        java.util.function.Function<GatewayConfig, List<String>> values = c -> org.twgate.config.ConfigDescriber.describe(c)
                .lines().filter(l -> !l.startsWith("configuration:") && !l.strip().startsWith("from "))
                .map(l -> l.replaceAll("\\s+(<defaults>|\\S*twgate\\.yaml:\\d+)$", ""))
                .toList();
        GatewayConfig shipped = ConfigLoader.load(ROOT.resolve("deploy/debian/twgate.yaml"), Map.of());
        GatewayConfig defaults = ConfigLoader.defaults(Map.of());
        assertThat(shipped.spool().directory()).isEqualTo(Path.of("/var/spool/twgate"));
        assertThat(values.apply(shipped)).isEqualTo(values.apply(defaults).stream()
                .map(l -> l.startsWith("  directory ") ? l.replace(defaults.spool().directory().toString(), "/var/spool/twgate") : l)
                .toList());
        assertThat(shipped.warnings()).isEmpty();
    }
}
