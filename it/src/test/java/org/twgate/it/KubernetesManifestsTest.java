package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.config.route.Route;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/kubernetes/ without a cluster: every document of every manifest is read into fabric8's
 * typed Kubernetes model, and a field the model does not know (a typo, a wrong level) fails the
 * test; then each workload is checked against the twgate configuration it carries (the
 * ConfigMap loaded by twgate's own loader with the container's environment): ports, probe
 * paths, the spool and configuration mounts, environment keys, the stop grace; and the
 * Services, the headless Service and the PodDisruptionBudget against the pods they select.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of(System.getProperty("twgate.root", "..")).resolve("deploy/kubernetes");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class, "Deployment", Deployment.class, "StatefulSet", StatefulSet.class,
            "Service", Service.class, "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "PodDisruptionBudget", PodDisruptionBudget.class);
    /** Queue stop after the sessions' grace (Gateway.stop). */
    private static final long QUEUE_STOP_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void sidecarPodRunsTheConnectorAndTwgateOnTheirConfiguredPorts() throws Exception {
        List<HasMetadata> objects = read("sidecar");
        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).as("RWO spool claim").isEqualTo("Recreate");
        PodTemplateSpec pod = deployment.getSpec().getTemplate();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("connector", "twgate");
        GatewayConfig config = checkTwgatePod(pod, objects, "sidecar");

        Volume spool = volumeAt(pod, twgate(pod), config.spool().directory().toString());
        assertThat(spool.getPersistentVolumeClaim()).as("spool on a persistent claim").isNotNull();
        assertThat(objects).filteredOn(o -> o instanceof PersistentVolumeClaim)
                .extracting(o -> o.getMetadata().getName()).contains(spool.getPersistentVolumeClaim().getClaimName());

        Route connectorRoute = config.routes().routes().stream().filter(r -> r.name().equals("connector"))
                .findFirst().orElseThrow();
        assertThat(connectorRoute.finalDelivery()).isTrue();
        assertThat(connectorRoute.relay().host()).as("the connector in the same pod").isEqualTo("127.0.0.1");
        Container connector = pod.getSpec().getContainers().get(0);
        assertThat(connector.getPorts()).extracting(ContainerPort::getContainerPort)
                .contains(connectorRoute.relay().port());
        checkServices(objects, pod);
    }

    @Test
    void standaloneInstancesEachOwnAClaimBehindOneServiceWithADisruptionBudget() throws Exception {
        List<HasMetadata> objects = read("standalone");
        StatefulSet set = one(objects, StatefulSet.class);
        assertThat(set.getSpec().getReplicas()).isGreaterThan(1);
        PodTemplateSpec pod = set.getSpec().getTemplate();
        GatewayConfig config = checkTwgatePod(pod, objects, "standalone");

        VolumeMount spoolMount = mountAt(twgate(pod), config.spool().directory().toString());
        assertThat(set.getSpec().getVolumeClaimTemplates()).as("a claim per replica, mounted on the spool")
                .extracting(c -> c.getMetadata().getName()).containsExactly(spoolMount.getName());
        assertThat(pod.getSpec().getVolumes()).as("the spool is no pod volume (it would be shared or lost)")
                .extracting(Volume::getName).doesNotContain(spoolMount.getName());
        assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");

        Service headless = objects.stream().filter(o -> o instanceof Service s
                && s.getMetadata().getName().equals(set.getSpec().getServiceName())).map(Service.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + set.getSpec().getServiceName()));
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        checkServices(objects, pod);

        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    }

    @Test
    void aFieldTheModelDoesNotKnowIsRejected() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
                "apiVersion: v1", "kind: Service", "metadata:", "  name: x", "spec:", "  selector: {a: b}",
                "  ports:", "    - port: 25", "      targetPrt: smtp", ""));
        assertThat(unknownFields(YAML.readValue(Files.readString(bad), Service.class), "Service"))
                .containsExactly("Service.spec.ports[0].targetPrt");
    }

    // --- the twgate pod against its configuration ---

    private GatewayConfig checkTwgatePod(PodTemplateSpec pod, List<HasMetadata> objects, String form) throws Exception {
        assertThat(pod.getSpec().getEnableServiceLinks()).as("no TWGATE_SERVICE_HOST & co").isFalse();
        Container twgate = twgate(pod);
        assertThat(twgate.getArgs()).hasSize(3).startsWith("run", "--config");
        Path configPath = Path.of(twgate.getArgs().get(2));

        // The configuration file comes from a ConfigMap of the same form, mounted read-only.
        VolumeMount configMount = mountAt(twgate, configPath.getParent().toString());
        assertThat(configMount.getReadOnly()).isTrue();
        Volume configVolume = volume(pod, configMount.getName());
        ConfigMap map = objects.stream().filter(o -> o instanceof ConfigMap
                && o.getMetadata().getName().equals(configVolume.getConfigMap().getName())).map(ConfigMap.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError(form + ": no ConfigMap " + configVolume.getConfigMap().getName()));
        String yaml = map.getData().get(configPath.getFileName().toString());
        assertThat(yaml).as("%s: key %s of ConfigMap %s", form, configPath.getFileName(), map.getMetadata().getName())
                .isNotNull();

        Map<String, String> env = new HashMap<>();
        for (EnvVar var : twgate.getEnv()) {
            assertThat(var.getName()).as("%s: environment of twgate", form).matches("TWGATE_[A-Z0-9_]+__.*|JAVA_OPTS|JAVA_TOOL_OPTIONS");
            if (var.getName().equals("JAVA_TOOL_OPTIONS")) {
                // The JVM reads it before the image's options file, whose -Xmx and limits would win.
                assertThat(var.getValue()).as("%s: memory options in JAVA_TOOL_OPTIONS have no effect; use JAVA_OPTS", form)
                        .doesNotContainPattern("-Xm[sx]|RAMPercentage|MaxDirectMemorySize|MaxMetaspaceSize");
            }
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "twgate-0"); // fieldRef: a pod name
        }
        Path file = Files.writeString(dir.resolve(form + "-twgate.yaml"), yaml);
        GatewayConfig config = ConfigLoader.load(file, env); // twgate's own loader: every key and override valid

        Map<String, Integer> ports = new HashMap<>();
        twgate.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        assertThat(config.server().listen()).extracting(a -> a.getPort()).containsOnly(ports.get("smtp"));
        assertThat(config.metrics().listen()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(ports.get("metrics")));
        assertThat(config.metrics().listen().get().getAddress().isAnyLocalAddress()).as("probes reach it").isTrue();
        assertThat(config.server().listen().get(0).getAddress().isAnyLocalAddress()).as("the Service reaches it").isTrue();
        checkProbe(twgate.getReadinessProbe(), "/health/ready", ports);
        checkProbe(twgate.getLivenessProbe(), "/health/live", ports);

        long preStop = Long.parseLong(twgate.getLifecycle().getPreStop().getExec().getCommand().get(1));
        assertThat(twgate.getLifecycle().getPreStop().getExec().getCommand().get(0)).isEqualTo("sleep");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).as("%s: stop grace", form)
                .isGreaterThan(preStop + config.server().shutdownGrace().toSeconds() + QUEUE_STOP_SECONDS);

        assertThat(twgate.getResources().getLimits()).as("%s: a memory limit for twgate", form).containsKey("memory");
        assertThat(twgate.getResources().getLimits().get("memory").getNumericalAmount())
                .as("%s: room above the 128 MiB twgate stays within (README \"Memory\")", form)
                .isGreaterThan(java.math.BigDecimal.valueOf(128L << 20));
        assertThat(twgate.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(volume(pod, mountAt(twgate, "/tmp").getName()).getEmptyDir()).as("/tmp for the JVM").isNotNull();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        return config;
    }

    private static void checkProbe(Probe probe, String path, Map<String, Integer> ports) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        assertThat(port.getStrVal() != null ? ports.get(port.getStrVal()) : port.getIntVal())
                .as("probe port of %s is the metrics port", path).isEqualTo(ports.get("metrics"));
    }

    private static void checkServices(List<HasMetadata> objects, PodTemplateSpec pod) {
        List<String> portNames = pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getName).toList();
        List<Service> services = objects.stream().filter(o -> o instanceof Service).map(Service.class::cast).toList();
        assertThat(services).isNotEmpty();
        for (Service service : services) {
            assertThat(pod.getMetadata().getLabels()).as("pods selected by %s", service.getMetadata().getName())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(portNames).as("target port of %s", service.getMetadata().getName())
                        .contains(port.getTargetPort().getStrVal());
            }
            if (!"None".equals(service.getSpec().getClusterIP())) {
                assertThat(service.getSpec().getExternalTrafficPolicy()).as("the client's address is kept: the "
                        + "relay policy decides by it").isEqualTo("Local");
            }
        }
    }

    // --- reading ---

    private static List<HasMetadata> read(String form) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S.resolve(form))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (doc.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
                        continue;
                    }
                    String kind = YAML.readTree(doc).path("kind").asString();
                    Class<? extends HasMetadata> type = KINDS.get(kind);
                    assertThat(type).as("%s: kind %s", file.getFileName(), kind).isNotNull();
                    HasMetadata object = YAML.readValue(doc, type);
                    String where = file.getFileName() + " " + kind + " " + object.getMetadata().getName();
                    assertThat(unknownFields(object, kind)).as("%s: fields the Kubernetes model does not know", where)
                            .isEmpty();
                    assertThat(object.getApiVersion()).as(where).isEqualTo(KINDS.get(kind) == Deployment.class
                            || type == StatefulSet.class ? "apps/v1" : type == PodDisruptionBudget.class ? "policy/v1" : "v1");
                    out.add(object);
                }
            }
        }
        return out;
    }

    /**
     * fabric8's model keeps what it does not know in each object's additionalProperties instead
     * of failing: walk the whole object and name every such field, as a path.
     */
    static List<String> unknownFields(Object object, String path) throws Exception {
        List<String> out = new ArrayList<>();
        walk(object, path, out);
        return out;
    }

    private static void walk(Object o, String path, List<String> out) throws Exception {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = m.invoke(o);
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + "." + k));
            } else if (!(value instanceof String) && !m.getName().equals("getData") ) {
                walk(value, path + "." + field, out);
            }
        }
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Container twgate(PodTemplateSpec pod) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals("twgate")).findFirst()
                .orElseThrow(() -> new AssertionError("no container named twgate"));
    }

    private static VolumeMount mountAt(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path + " in " + c.getName()));
    }

    private static Volume volume(PodTemplateSpec pod, String name) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Volume volumeAt(PodTemplateSpec pod, Container c, String path) {
        return volume(pod, mountAt(c, path).getName());
    }
}
