package org.twgate.config.tree;

import java.util.List;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into a {@link Node} tree with line numbers. SnakeYAML's node API
 * ({@code compose}) is used rather than {@code load} because only nodes keep their
 * {@link Mark}s; values are typed later, against the schema, so that "5m" stays a string
 * until we know it is meant as a duration.
 */
public final class YamlTree {

    /** Anchors can make a tree refer to itself; real configurations are a few levels deep. */
    private static final int MAX_DEPTH = 32;

    private final String file;
    private final boolean keepLines;
    private final List<Problem> problems;

    private YamlTree(String file, boolean keepLines, List<Problem> problems) {
        this.file = file;
        this.keepLines = keepLines;
        this.problems = problems;
    }

    /**
     * Parses {@code text}; syntax errors and duplicate keys are added to {@code problems}.
     * An empty document is an empty section.
     */
    public static MapNode parse(String file, String text, List<Problem> problems) {
        return parse(file, text, true, problems);
    }

    /**
     * As {@link #parse(String, String, List)}; with {@code keepLines} false the nodes are
     * attributed to {@code file} alone (the embedded defaults, whose lines mean nothing to
     * an operator).
     */
    public static MapNode parse(String file, String text, boolean keepLines, List<Problem> problems) {
        YamlTree tree = new YamlTree(file, keepLines, problems);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            problems.add(Problem.at(new Source(file, line), "YAML syntax error: " + e.getProblem()));
            return new MapNode(Origin.yaml(file, line));
        } catch (YAMLException e) {
            problems.add(Problem.at(new Source(file, 1), "YAML error: " + e.getMessage()));
            return new MapNode(Origin.yaml(file, 1));
        }
        if (root == null) {
            return new MapNode(Origin.yaml(file, 1));
        }
        Node converted = tree.convert(root, 0);
        if (converted instanceof MapNode map) {
            return map;
        }
        problems.add(converted.origin().problem("",
                "the configuration must be a section of keys, found " + converted.kind()));
        return new MapNode(converted.origin());
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node, int depth) {
        Origin origin = originOf(node);
        if (depth > MAX_DEPTH) {
            problems.add(origin.problem("", "nesting deeper than " + MAX_DEPTH + " levels"));
            return new ScalarNode(null, origin);
        }
        if (node instanceof MappingNode mapping) {
            MapNode map = new MapNode(origin);
            for (NodeTuple tuple : mapping.getValue()) {
                Origin keyOrigin = originOf(tuple.getKeyNode());
                if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)
                        || key.getTag().equals(Tag.NULL)) {
                    problems.add(keyOrigin.problem("", "a key must be a plain name"));
                    continue;
                }
                MapNode.Entry earlier = map.get(key.getValue());
                if (earlier != null) {
                    problems.add(keyOrigin.problem("", "duplicate key '" + key.getValue()
                            + "' (first at line " + earlier.keyOrigin().source().line() + ")"));
                    continue;
                }
                map.put(key.getValue(), keyOrigin, convert(tuple.getValueNode(), depth + 1));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            ListNode list = new ListNode(origin);
            for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                list.items().add(convert(item, depth + 1));
            }
            return list;
        }
        org.yaml.snakeyaml.nodes.ScalarNode scalar = (org.yaml.snakeyaml.nodes.ScalarNode) node;
        return new ScalarNode(scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(), origin);
    }

    private Origin originOf(org.yaml.snakeyaml.nodes.Node node) {
        return Origin.yaml(file, keepLines ? node.getStartMark().getLine() + 1 : 0);
    }
}
