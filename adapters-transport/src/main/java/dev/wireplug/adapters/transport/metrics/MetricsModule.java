package dev.wireplug.adapters.transport.metrics;

import dagger.Binds;
import dagger.Module;
import dev.wireplug.application.port.out.CoordinatorMetrics;

/** Binds wpcod's metrics, counted always and served over HTTP only when a listener is configured. */
@Module
public abstract class MetricsModule {
    private MetricsModule() {}

    @Binds
    abstract CoordinatorMetrics coordinatorMetrics(PrometheusCoordinatorMetrics metrics);
}
