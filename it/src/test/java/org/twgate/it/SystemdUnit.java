package org.twgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd service unit as the tests read it, and its commands run the way systemd would run
 * them where systemd is not PID 1: as the unit's user and group, in its working directory,
 * with no capabilities and no new privileges, in a mount namespace where the file system is
 * read-only but for ReadWritePaths (ProtectSystem=strict) and /tmp is private (PrivateTmp).
 * Not reproduced: the other Protect* and Restrict* options, which need systemd's seccomp and
 * namespace setup; {@code systemd-analyze verify} checks their syntax.
 */
record SystemdUnit(Map<String, List<String>> service) {

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = l;
            } else if (section.equals("[Service]")) {
                int eq = l.indexOf('=');
                service.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
            }
        }
        return new SystemdUnit(service);
    }

    /** The last value of a key (systemd's rule for single-valued keys), or "" when unset. */
    String get(String key) {
        List<String> values = service.getOrDefault(key, List.of());
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    /** An Exec line split at blanks (the unit quotes nothing). */
    List<String> command(String key) {
        return List.of(get(key).split("\\s+"));
    }

    /** {@code command} wrapped so that it runs in the unit's sandbox, as its user. */
    List<String> sandboxed(List<String> command) {
        if (!get("ProtectSystem").equals("strict") || !get("PrivateTmp").equals("yes")) {
            throw new IllegalStateException("the runner reproduces ProtectSystem=strict and PrivateTmp=yes only");
        }
        StringBuilder script = new StringBuilder("set -e; ");
        for (String path : get("ReadWritePaths").split("\\s+")) {
            script.append("mount --bind ").append(path).append(' ').append(path).append("; ");
        }
        script.append("mount -o remount,bind,ro /; mount -t tmpfs -o mode=1777 tmpfs /tmp; ");
        script.append("cd ").append(get("WorkingDirectory")).append("; ");
        script.append("exec setpriv --reuid=").append(get("User")).append(" --regid=").append(get("Group"))
                .append(" --init-groups");
        if (get("NoNewPrivileges").equals("yes")) {
            script.append(" --no-new-privs");
        }
        if (get("CapabilityBoundingSet").isEmpty()) {
            script.append(" --inh-caps=-all --bounding-set=-all");
        }
        script.append(" -- \"$@\"");
        List<String> out = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script.toString(), "sh"));
        out.addAll(command);
        return out;
    }
}
