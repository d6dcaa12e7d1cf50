package org.twgate.config.tree;

import org.twgate.config.Problem;
import org.twgate.config.Source;

/**
 * Where a node of the configuration tree came from: a line of a YAML file, the embedded
 * defaults, or an environment variable. It decides how a problem with the node is worded:
 * a YAML line does not say which key it holds, so the key path is named; a variable's
 * name already is the path.
 */
public record Origin(Source source, boolean environment) {

    public static Origin yaml(String file, int line) {
        return new Origin(new Source(file, line), false);
    }

    public static Origin env(String variable) {
        return new Origin(new Source("env " + variable, 0), true);
    }

    /** A problem with the value at {@code path} (dotted, e.g. {@code server.listen}). */
    public Problem problem(String path, String message) {
        if (environment || path.isEmpty()) {
            return Problem.at(source, message);
        }
        return Problem.at(source, path + ": " + message);
    }
}
