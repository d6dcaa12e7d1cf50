package org.twgate.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Carries every problem found, not just the first, so
 * that an operator fixes a file in one round: {@link #getMessage()} is one
 * {@code file:line: message} per line.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
