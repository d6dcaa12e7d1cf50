package org.twgate.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.twgate.config.bind.ConfigBinder;
import org.twgate.config.tree.EnvOverrides;
import org.twgate.config.tree.MapNode;
import org.twgate.config.tree.TreeMerge;
import org.twgate.config.tree.YamlTree;

/**
 * Loads the configuration: the embedded defaults, overlaid by the YAML file (if any),
 * overlaid by {@code TWGATE_*} environment variables, then validated as a whole. Either
 * every setting is valid and a {@link GatewayConfig} comes back, or a
 * {@link ConfigException} lists every problem found, each with {@code file:line} or the
 * variable's name.
 */
public final class ConfigLoader {

    private static final String DEFAULTS_RESOURCE = "defaults.yaml";

    private ConfigLoader() {
    }

    /** The file at {@code file}, over the defaults, under the environment. */
    public static GatewayConfig load(Path file, Map<String, String> env) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new Problem(name, "cannot read the configuration: no such file"));
        } catch (IOException e) {
            throw new ConfigException(new Problem(name, "cannot read the configuration: " + e));
        }
        List<Problem> problems = new ArrayList<>();
        MapNode fromFile = YamlTree.parse(name, text, problems);
        if (!problems.isEmpty()) {
            // Past a syntax error the rest of the file is unknown: more messages would mislead.
            throw new ConfigException(problems);
        }
        Path directory = file.toAbsolutePath().getParent();
        return finish(TreeMerge.overlay(defaultsTree(), fromFile), name, directory, env, problems);
    }

    /** The embedded defaults under the environment: {@code twgate run} without {@code --config}. */
    public static GatewayConfig defaults(Map<String, String> env) throws ConfigException {
        return finish(defaultsTree(), Source.DEFAULTS, Path.of("").toAbsolutePath(), env, new ArrayList<>());
    }

    private static GatewayConfig finish(MapNode root, String name, Path directory, Map<String, String> env,
                                        List<Problem> problems) throws ConfigException {
        EnvOverrides.apply(root, env, problems);
        GatewayConfig config = ConfigBinder.bind(root, name, directory, localHostName(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static MapNode defaultsTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            List<Problem> problems = new ArrayList<>();
            MapNode tree = YamlTree.parse(Source.DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    false, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("embedded defaults are broken: " + problems);
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read embedded defaults", e);
        }
    }

    /** The banner name when none is configured; "localhost" if the system will not say. */
    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
