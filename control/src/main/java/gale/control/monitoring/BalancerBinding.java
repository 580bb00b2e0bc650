package gale.control.monitoring;

import gale.balancer.BalancerError;
import gale.balancer.BalancerObserver;
import gale.balancer.ClientTimeout;
import gale.balancer.DesyncClassification;
import gale.balancer.DesyncMitigationMode;
import gale.balancer.RetryCause;
import gale.balancer.TrafficFaultKind;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.series.StackSeries;
import java.util.Locale;

/**
 * Binds the balancer's request outcomes to {@link GaleMetrics} (Prometheus) and {@link StackSeries} (the 1-second
 * series), as docs/metrics.md's binding table says. It runs on the IO threads, so it only counts and fills rings.
 */
final class BalancerBinding implements BalancerObserver {

    private final GaleMetrics metrics;
    private final StackSeries series;

    BalancerBinding(GaleMetrics metrics, StackSeries series) {
        this.metrics = metrics;
        this.series = series;
    }

    /** The last listener port's label: one string per request cost 1.5% of the balancer's IO thread. */
    private record PortLabel(int port, String text) {}

    private volatile PortLabel portLabel = new PortLabel(-1, "");

    private String portLabel(int port) {
        PortLabel label = portLabel;
        if (label.port() != port) {
            label = new PortLabel(port, String.valueOf(port));
            portLabel = label;
        }
        return label.text();
    }

    @Override
    public void requestCompleted(
            int listenerPort, String targetGroup, String targetId, int statusCode, long latencyNanos) {
        metrics.requestCompleted(portLabel(listenerPort), targetGroup, targetId, statusCode, latencyNanos);
        series.requestCompleted(targetGroup, targetId, statusCode, latencyNanos);
    }

    /** One listener's desync counters, by classification: each looked up on first use. */
    private record DesyncSeries(int port, DesyncMitigationMode mode, Runnable[] counters) {}

    private volatile DesyncSeries desync = new DesyncSeries(-1, null, new Runnable[0]);

    @Override
    public void desyncClassified(int listenerPort, DesyncMitigationMode mode, DesyncClassification classification) {
        DesyncSeries s = desync;
        if (s.port() != listenerPort || s.mode() != mode) {
            s = new DesyncSeries(listenerPort, mode, new Runnable[DesyncClassification.values().length]);
            desync = s;
        }
        Runnable counter = s.counters()[classification.ordinal()];
        if (counter == null) { // two loops may both look it up: the registry hands both the same data point
            counter = metrics.desyncRequests(String.valueOf(listenerPort), mode.label(), classification.label());
            s.counters()[classification.ordinal()] = counter;
        }
        counter.run();
    }

    @Override
    public void rejected(int listenerPort, String targetGroup, BalancerError error) {
        metrics.rejected(String.valueOf(listenerPort), targetGroup, error.status(), error.header());
        series.rejected(targetGroup, error.status());
    }

    @Override
    public void retried(int listenerPort, String targetGroup, String fromTargetId, RetryCause cause) {
        metrics.retried(String.valueOf(listenerPort), targetGroup, cause.name().toLowerCase(Locale.ROOT));
    }

    /** An injected error is counted as the balancer's own answer, never as the target's; its 5xx feeds the alarms. */
    @Override
    public void faultApplied(int listenerPort, String targetGroup, String targetId, TrafficFaultKind kind, int status) {
        String listener = String.valueOf(listenerPort);
        metrics.faultApplied(listener, targetGroup, targetId, kind.label());
        if (status != 0) {
            metrics.rejected(listener, targetGroup, status, "fault-" + kind.label());
            series.rejected(targetGroup, status);
        }
    }

    @Override
    public void failOpenEntered(String targetGroup) {
        metrics.failOpenEntered(targetGroup);
    }

    @Override
    public void failOpenLeft(String targetGroup) {
        metrics.failOpenLeft(targetGroup);
    }

    @Override
    public void connectionOpened(int listenerPort) {
        metrics.connectionOpened(String.valueOf(listenerPort));
    }

    @Override
    public void connectionClosed(int listenerPort) {
        metrics.connectionClosed(String.valueOf(listenerPort));
    }

    @Override
    public void clientTimedOut(int listenerPort, ClientTimeout timeout) {
        metrics.clientTimedOut(String.valueOf(listenerPort), timeout.label());
    }
}
