package org.twgate.config.tree;

/**
 * A single value as written. {@code text} is {@code null} for YAML's null ({@code ~},
 * {@code null}, or nothing after the colon).
 */
public record ScalarNode(String text, Origin origin) implements Node {

    public boolean isNull() {
        return text == null;
    }

    @Override
    public String kind() {
        return "a value";
    }
}
