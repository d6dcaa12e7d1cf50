package org.twgate.config.tree;

/**
 * Lays one tree over another: sections merge key by key, anything else (lists, values)
 * replaces what was below. So a file that names {@code routes} replaces the default route
 * list, and a file that says nothing about {@code spool} keeps the default spool.
 */
public final class TreeMerge {

    private TreeMerge() {
    }

    /** Merges {@code over} into {@code base}, in place, and returns {@code base}. */
    public static MapNode overlay(MapNode base, MapNode over) {
        for (MapNode.Entry entry : over.entries().values()) {
            MapNode.Entry below = base.get(entry.key());
            if (below != null && below.value() instanceof MapNode belowMap
                    && entry.value() instanceof MapNode overMap) {
                overlay(belowMap, overMap);
            } else if (below != null && below.value() instanceof MapNode
                    && entry.value() instanceof ScalarNode scalar && scalar.isNull()) {
                // "spool:" with nothing under it means "the defaults", not "no spool"
                continue;
            } else {
                base.put(entry.key(), entry.keyOrigin(), entry.value());
            }
        }
        return base;
    }
}
