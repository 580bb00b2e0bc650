package gale.loadgen.metrics;

import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which series the engine records: one per request of each scenario (its tags are fixed, so a threshold's tag filter
 * picks series, not samples), one per scenario for iterations and one per journey group for group_duration. Indices are stable for the whole test.
 */
public final class MetricsLayout {

    private final List<Series> requests = new ArrayList<>();
    /** Scenarios' series, then the journeys' groups' series (tagged {@code group}). */
    private final List<Series> scenarios = new ArrayList<>();

    private final List<Integer> groupBase = new ArrayList<>();

    public MetricsLayout(LoadPlan plan) {
        for (Scenario s : plan.scenarios()) {
            Map<String, String> scenarioTags = new LinkedHashMap<>(s.tags());
            scenarioTags.put("scenario", s.name());
            int scenarioIndex = scenarios.size();
            scenarios.add(new Series(scenarioIndex, scenarioIndex, Map.copyOf(scenarioTags), List.of()));
            for (RequestSpec r : s.requests()) {
                Map<String, String> tags = new LinkedHashMap<>(scenarioTags);
                tags.putAll(r.tags());
                tags.put("name", r.name());
                tags.put("method", r.method());
                tags.put("url", r.url().toString());
                requests.add(new Series(
                        requests.size(),
                        scenarioIndex,
                        Map.copyOf(tags),
                        r.checks().names()));
            }
        }
        for (int i = 0; i < plan.scenarios().size(); i++) {
            Scenario s = plan.scenarios().get(i);
            groupBase.add(scenarios.size());
            if (s.journey() == null) {
                continue;
            }
            for (String group : s.journey().groups()) {
                Map<String, String> tags = new LinkedHashMap<>(scenarios.get(i).tags());
                tags.put("group", group);
                scenarios.add(new Series(scenarios.size(), i, Map.copyOf(tags), List.of()));
            }
        }
    }

    /** Where scenario {@code scenario}'s groups start among {@link #scenarios()} (a journey's group_duration). */
    public int groupBase(int scenario) {
        return groupBase.get(scenario);
    }

    /** How many scenarios the plan has (the first entries of {@link #scenarios()}). */
    public int scenarioCount() {
        return groupBase.size();
    }

    /** A layout read back from a summary export (see {@link ResultsCodec}). */
    MetricsLayout(List<Series> requests, List<Series> scenarios, List<Integer> groupBase) {
        this.requests.addAll(requests);
        this.scenarios.addAll(scenarios);
        this.groupBase.addAll(groupBase);
    }

    public List<Series> requests() {
        return List.copyOf(requests);
    }

    public List<Series> scenarios() {
        return List.copyOf(scenarios);
    }

    /** A series and its tags; {@code checks} are the names of its request's checks, in order. */
    public record Series(int index, int scenario, Map<String, String> tags, List<String> checks) {

        public boolean matches(Map<String, String> filter) {
            return filter.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
        }
    }
}
