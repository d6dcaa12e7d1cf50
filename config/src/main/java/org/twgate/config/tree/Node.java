package org.twgate.config.tree;

/**
 * A node of the configuration tree: what the YAML file, the defaults and the environment
 * say, before any of it is given a type. Every node remembers its {@link Origin}.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    Origin origin();

    /** A word for error messages: "a section", "a list", "a value". */
    String kind();
}
