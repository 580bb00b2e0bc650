package gale.control.stack.internal;

import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.BalancerSpec;
import gale.control.stack.CacheSpec;
import gale.control.stack.DatabaseSpec;
import gale.control.stack.MonitoringSpec;
import gale.control.stack.NotifierSpec;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFileException;
import gale.monitor.alarm.AlarmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the stack file's tree onto {@link StackConfig}, one reader per section. The readers map what the user wrote
 * and nothing else: an absent key takes its module's default, and each module's config record checks the values (see
 * {@link Section#build}). Names are checked against each other here, where the error can still name the line.
 */
public final class StackReader {

    private StackReader() {}

    public static StackConfig read(String file, YamlNode rootNode) {
        Section root = Section.root(file, rootNode);
        Map<String, TargetGroupConfig> groups = root.named("targetGroups", TargetGroupReader::read);
        TargetGroupNames names = new TargetGroupNames(groups.keySet());
        List<ListenerConfig> listeners = ListenerReader.read(root, names);
        List<StackFileException> notAppliedByUp = new ArrayList<>();
        TestTargetGroups tests = new TestTargetGroups(names, groups);
        // First: the history it keeps bounds how far back the services' autoscaling and the alarms may look.
        MonitoringSpec monitoring = monitoring(root.section("monitoring"));
        Map<String, ServiceSpec> services = root.named(
                "services", (name, s) -> ServiceReader.read(name, s, names, tests, notAppliedByUp, monitoring));
        Map<String, NotifierSpec> notifiers = root.named("notifiers", (name, s) -> AlarmReader.notifier(s));
        Map<String, AlarmConfig> alarms =
                root.named("alarms", (name, s) -> AlarmReader.alarm(name, s, names, notifiers, services, monitoring));
        DatabaseSpec database = DataTierReader.database(root.section("database"));
        CacheSpec cache = DataTierReader.cache(root.section("cache"));
        BalancerSpec balancer = balancer(root.section("balancer"));
        root.finish();
        return new StackConfig(
                listeners, groups, services, alarms, notifiers, database, cache, balancer, monitoring, notAppliedByUp);
    }

    private static MonitoringSpec monitoring(Section s) {
        java.time.Duration retention = s.duration("retention", MonitoringSpec.DEFAULTS.retention());
        s.finish();
        return s.build(() -> new MonitoringSpec(retention));
    }

    private static BalancerSpec balancer(Section s) {
        int ioThreads = s.integer("ioThreads", BalancerSpec.DEFAULTS.ioThreads());
        java.time.Duration warmup = s.duration("warmup", BalancerSpec.DEFAULTS.warmup());
        s.finish();
        return s.build(() -> new BalancerSpec(ioThreads, warmup));
    }
}
