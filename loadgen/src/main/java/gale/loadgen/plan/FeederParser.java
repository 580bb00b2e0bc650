package gale.loadgen.plan;

import gale.loadgen.feed.FeedFiles;
import gale.loadgen.feed.Feeder;
import gale.loadgen.feed.Generator;
import gale.loadgen.feed.Strategy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The plan's {@code feeders}: each a file ({@code file}, CSV or JSON, relative to the plan's folder, with a
 * {@code strategy}) or a built-in {@code generator}. Files are read here, once, so a bad file fails before any
 * request.
 */
final class FeederParser {

    static final Strategy DEFAULT_STRATEGY = Strategy.QUEUE;
    private static final Set<String> KEYS = Set.of("file", "strategy", "seed", "generator", "start", "length");

    private FeederParser() {}

    static Map<String, Feeder> parse(PlanNode feeders, Path baseDir) {
        Map<String, Feeder> out = new LinkedHashMap<>();
        feeders.entries().forEach((name, f) -> {
            f.allowOnly(KEYS);
            if (f.has("file") == f.has("generator")) {
                throw f.child("file").fail(f.has("file") ? "given with generator" : "missing", "file or generator");
            }
            out.put(name, f.build(() -> {
                try {
                    if (f.has("generator")) {
                        return new Generator(
                                name,
                                Generator.Kind.parse(f.text("generator", null)),
                                f.integer("start", 1),
                                f.intValue("length", Generator.DEFAULT_LENGTH),
                                Clock.systemUTC());
                    }
                    Strategy strategy = f.has("strategy") ? Strategy.parse(f.text("strategy", null)) : DEFAULT_STRATEGY;
                    return FeedFiles.read(
                            name,
                            baseDir.resolve(f.text("file", null)),
                            strategy,
                            f.integer("seed", System.nanoTime()));
                } catch (IllegalArgumentException e) {
                    if (e instanceof PlanException) {
                        throw e;
                    }
                    throw new PlanException(f.path() + ": " + e.getMessage(), e);
                }
            }));
        });
        return out;
    }
}
