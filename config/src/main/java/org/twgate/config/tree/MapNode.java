package org.twgate.config.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML mapping with string keys, in file order. Each entry keeps the origin of its key
 * too, so that "unknown key" points at the key's own line. Mutable only while the loader
 * merges defaults, file and environment.
 */
public final class MapNode implements Node {

    /** One key and its value. */
    public record Entry(String key, Origin keyOrigin, Node value) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Origin origin;

    public MapNode(Origin origin) {
        this.origin = origin;
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public void put(String key, Origin keyOrigin, Node value) {
        entries.put(key, new Entry(key, keyOrigin, value));
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public String kind() {
        return "a section";
    }
}
