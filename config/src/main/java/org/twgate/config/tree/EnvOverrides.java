package org.twgate.config.tree;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.twgate.config.Problem;

/**
 * Applies {@code TWGATE_*} environment variables to the tree, for containers. The name
 * after the prefix is the key path, upper-cased, segments joined by {@code __}:
 * {@code TWGATE_SERVER__MAX_MESSAGE_SIZE} is {@code server.max_message_size},
 * {@code TWGATE_ROUTES__0__RELAY} is the {@code relay} of the first route. A list index
 * equal to the list's length appends an entry. The value is one scalar; the binder
 * splits it at commas where the schema wants a list.
 *
 * <p>Variables are applied in name order so that the result does not depend on the
 * order of the process environment. A variable that names no place in the tree is a
 * problem, as is (later, in the binder) one that names an unknown key.
 *
 * <p>Except the variables a container platform sets for a service or link called
 * "twgate": Kubernetes gives every pod {@code TWGATE_SERVICE_HOST}, {@code TWGATE_PORT},
 * {@code TWGATE_PORT_2525_TCP_ADDR} and the like when a Service of that name exists, and
 * Docker links set the same {@code _PORT} forms. They name no key (keys need {@code __})
 * and are left alone; refusing them would stop twgate from starting next to its own Service.
 */
public final class EnvOverrides {

    public static final String PREFIX = "TWGATE_";

    /** Kubernetes service variables and Docker link variables, after the prefix. */
    private static final java.util.regex.Pattern PLATFORM_VARIABLE = java.util.regex.Pattern.compile(
            "SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?");

    private EnvOverrides() {
    }

    public static void apply(MapNode root, Map<String, String> env, List<Problem> problems) {
        for (Map.Entry<String, String> var : new TreeMap<>(env).entrySet()) {
            String name = var.getKey();
            if (name.startsWith(PREFIX) && !isPlatformVariable(name)) {
                applyOne(root, name, var.getValue(), problems);
            }
        }
    }

    private static void applyOne(MapNode root, String name, String value, List<Problem> problems) {
        Origin origin = Origin.env(name);
        String[] segments = name.substring(PREFIX.length()).split("__", -1);
        Node current = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].toLowerCase(java.util.Locale.ROOT);
            boolean last = i == segments.length - 1;
            if (segment.isEmpty()) {
                problems.add(origin.problem("", "empty key segment in the variable name"));
                return;
            }
            String where = path.length() == 0 ? segment : path + "." + segment;
            Node next = last ? new ScalarNode(value, origin) : null;
            if (current instanceof MapNode map) {
                MapNode.Entry entry = map.get(segment);
                if (!last && entry != null && !(entry.value() instanceof ScalarNode)) {
                    next = entry.value();
                } else if (!last) {
                    next = new MapNode(origin);
                    map.put(segment, origin, next);
                } else {
                    map.put(segment, origin, next);
                }
            } else if (current instanceof ListNode list) {
                int index = index(segment);
                if (index < 0 || index > list.items().size()) {
                    problems.add(origin.problem("", "'" + path + "' has " + list.items().size()
                            + " entries; index '" + segment + "' is neither one of them nor the next"));
                    return;
                }
                if (!last) {
                    next = index < list.items().size() ? list.items().get(index) : new MapNode(origin);
                }
                if (index == list.items().size()) {
                    list.items().add(next);
                } else if (last) {
                    list.items().set(index, next);
                }
            } else {
                problems.add(origin.problem("", "'" + path + "' is a single value and has no '"
                        + segment + "'"));
                return;
            }
            current = next;
            path.setLength(0);
            path.append(where);
        }
    }

    /** Whether {@code name} (starting with the prefix) is one Kubernetes or Docker set for a service named twgate. */
    private static boolean isPlatformVariable(String name) {
        return PLATFORM_VARIABLE.matcher(name.substring(PREFIX.length())).matches();
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 6 || !segment.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(segment);
    }
}
