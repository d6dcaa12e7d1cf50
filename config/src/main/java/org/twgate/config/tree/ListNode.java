package org.twgate.config.tree;

import java.util.ArrayList;
import java.util.List;

/** A YAML sequence. Mutable only while the loader merges defaults, file and environment. */
public final class ListNode implements Node {

    private final List<Node> items = new ArrayList<>();
    private final Origin origin;

    public ListNode(Origin origin) {
        this.origin = origin;
    }

    public List<Node> items() {
        return items;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public String kind() {
        return "a list";
    }
}
