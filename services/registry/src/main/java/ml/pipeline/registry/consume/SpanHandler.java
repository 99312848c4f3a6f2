package ml.pipeline.registry.consume;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.registry.service.TraceService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The spans the services ship (telemetry.spans, JSON) into the traces of their runs. The
 * channel is not traced itself (application.properties): storing spans must make no spans.
 */
@ApplicationScoped
public class SpanHandler {
    static final String CHANNEL = "telemetry-spans";

    private final TraceService traces;

    public SpanHandler(TraceService traces) {
        this.traces = traces;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onSpan(String json) {
        return traces.record(json);
    }
}
