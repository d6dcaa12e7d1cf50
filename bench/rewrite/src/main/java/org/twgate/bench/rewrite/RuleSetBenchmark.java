package org.twgate.bench.rewrite;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.RuleSet;

/**
 * Rewrites per second against 10,000 rules of mixed kinds, one address per operation, on one
 * thread: the hash index, and as its peer a linear scan over the same rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RuleSetBenchmark {
    private static final int PROBES = 4096; // a power of two: the cursor wraps with a mask

    private RuleSet rules;
    private EmailAddress[] exactLocalDomain;
    private EmailAddress[] prefixSuffix;
    private EmailAddress[] noMatch;
    private int cursor;

    @Setup
    public void setUp() {
        rules = Rules.mixed();
        exactLocalDomain = Rules.probes(PROBES, 0, 1, 2);
        prefixSuffix = Rules.probes(PROBES, 3, 4);
        noMatch = Rules.probes(PROBES, 5);
    }

    private EmailAddress next(EmailAddress[] probes) {
        cursor = (cursor + 1) & (PROBES - 1);
        return probes[cursor];
    }

    @Benchmark
    public RewriteResult indexedExactLocalPartDomain() {
        return rules.rewrite(next(exactLocalDomain));
    }

    @Benchmark
    public RewriteResult indexedPrefixSuffix() {
        return rules.rewrite(next(prefixSuffix));
    }

    @Benchmark
    public RewriteResult indexedNoMatch() {
        return rules.rewrite(next(noMatch));
    }

    @Benchmark
    public RewriteResult linearExactLocalPartDomain() {
        return Rules.linear(rules, next(exactLocalDomain));
    }

    @Benchmark
    public RewriteResult linearPrefixSuffix() {
        return Rules.linear(rules, next(prefixSuffix));
    }
}
