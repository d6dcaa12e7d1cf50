package org.twgate.config.bind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.twgate.config.Problem;
import org.twgate.config.syntax.BadValue;
import org.twgate.config.syntax.Durations;
import org.twgate.config.syntax.Sizes;
import org.twgate.config.tree.ListNode;
import org.twgate.config.tree.MapNode;
import org.twgate.config.tree.Node;
import org.twgate.config.tree.Origin;
import org.twgate.config.tree.ScalarNode;

/**
 * Reads one section of the tree against its schema: typed getters that, on a bad value,
 * record a problem quoting it and return the fallback, so that binding goes on and every
 * problem of the file is found in one pass. {@link #finish()} reports the keys nobody
 * asked for as unknown, with a "did you mean" when one is close.
 */
public final class Section {

    /** One scalar of a list, with its own origin. */
    public record Item(String text, Origin origin, String path) {
    }

    /** Parses a value or throws {@link BadValue}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text) throws BadValue;
    }

    private final MapNode map;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> known;

    private Section(MapNode map, String path, List<Problem> problems, Set<String> known) {
        this.map = map;
        this.path = path;
        this.problems = problems;
        this.known = known;
    }

    /** The section at {@code node}; a non-section is reported and read as empty. */
    public static Section of(Node node, String path, List<Problem> problems, String... known) {
        Set<String> keys = new LinkedHashSet<>(List.of(known));
        if (node instanceof MapNode map) {
            return new Section(map, path, problems, keys);
        }
        if (!(node instanceof ScalarNode s && s.isNull())) {
            problems.add(node.origin().problem(path, "expected a section of keys, found " + node.kind()));
        }
        return new Section(new MapNode(node.origin()), path, problems, keys);
    }

    public String path() {
        return path;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Origin origin() {
        return map.origin();
    }

    public boolean has(String key) {
        return node(key).filter(n -> !(n instanceof ScalarNode s && s.isNull())).isPresent();
    }

    public Optional<Node> node(String key) {
        if (!known.contains(key)) {
            throw new IllegalArgumentException("schema bug: " + key + " not declared for " + path);
        }
        MapNode.Entry e = map.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** Where the value of {@code key} came from, else where the section did. */
    public Origin originOf(String key) {
        return node(key).map(Node::origin).orElse(map.origin());
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The scalar text, empty for null or absent; a list or section is reported. */
    public Optional<String> text(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof ScalarNode s) {
            return Optional.ofNullable(s.text());
        }
        problems.add(n.get().origin().problem(pathOf(key), "expected a single value, found " + n.get().kind()));
        return Optional.empty();
    }

    public <T> T parsed(String key, T fallback, Parser<T> parser) {
        Optional<String> t = text(key);
        if (t.isEmpty()) {
            return fallback;
        }
        try {
            return parser.parse(t.get());
        } catch (BadValue e) {
            problems.add(originOf(key).problem(pathOf(key), e.getMessage()));
            return fallback;
        }
    }

    public String string(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return parsed(key, fallback, Durations::parse);
    }

    public long size(String key, long fallback) {
        return parsed(key, fallback, Sizes::parse);
    }

    public int integer(String key, int min, int max, int fallback) {
        return parsed(key, fallback, t -> {
            String s = t.trim();
            if (!s.matches("-?\\d{1,9}") || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
                throw BadValue.of("not a whole number from " + min + " to " + max, t);
            }
            return Integer.parseInt(s);
        });
    }

    public boolean bool(String key, boolean fallback) {
        return parsed(key, fallback, t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw BadValue.of("not true or false", t);
        });
    }

    /** One of the enum's constants, written in lower case ({@code opportunistic}). */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        return parsed(key, fallback, t -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t.trim())) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw BadValue.of("expected one of " + String.join(", ", names), t);
        });
    }

    /**
     * The scalars of a list. A single value counts as a list of one; a value set from the
     * environment is split at commas ({@code TWGATE_SERVER__LISTEN=a:1,b:2}), and an empty
     * one is the empty list. Empty when the key is absent or null.
     */
    public Optional<List<Item>> items(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty() || n.get() instanceof ScalarNode s && s.isNull()) {
            return n.isEmpty() ? Optional.empty() : Optional.of(List.of());
        }
        List<Item> items = new ArrayList<>();
        String p = pathOf(key);
        if (n.get() instanceof ScalarNode s) {
            if (s.origin().environment()) {
                for (String part : s.text().split(",")) {
                    if (!part.isBlank()) {
                        items.add(new Item(part.strip(), s.origin(), p));
                    }
                }
            } else {
                items.add(new Item(s.text(), s.origin(), p));
            }
        } else if (n.get() instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                if (item instanceof ScalarNode s && !s.isNull()) {
                    items.add(new Item(s.text(), s.origin(), p + "[" + i + "]"));
                } else {
                    problems.add(item.origin().problem(p + "[" + i + "]", "expected a single value, found "
                            + (item instanceof ScalarNode ? "null" : item.kind())));
                }
            }
        } else {
            problems.add(n.get().origin().problem(p, "expected a list, found " + n.get().kind()));
        }
        return Optional.of(items);
    }

    /** Each item parsed; bad ones reported and left out. */
    public <T> List<T> parsedItems(String key, List<T> fallback, Parser<T> parser) {
        Optional<List<Item>> items = items(key);
        if (items.isEmpty()) {
            return fallback;
        }
        List<T> out = new ArrayList<>();
        for (Item item : items.get()) {
            parseItem(item, parser).ifPresent(out::add);
        }
        return out;
    }

    /** One item parsed, or empty after reporting it. */
    public <T> Optional<T> parseItem(Item item, Parser<T> parser) {
        try {
            return Optional.of(parser.parse(item.text()));
        } catch (BadValue e) {
            problems.add(item.origin().problem(item.path(), e.getMessage()));
            return Optional.empty();
        }
    }

    /** Reports every key of this section that the schema does not know. */
    public void finish() {
        for (MapNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                problems.add(e.keyOrigin().problem(path, "unknown key '" + e.key() + "'" + suggestion(e.key())));
            }
        }
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = Suggestions.distance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(1, Math.min(3, key.length() / 3))
                || best.startsWith(key.toLowerCase(Locale.ROOT)) && key.length() >= 3);
        return close ? " (did you mean '" + best + "'?)" : "";
    }
}
