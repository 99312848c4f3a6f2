package ml.pipeline.registry.consume;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.registry.service.TraceService;
import ml.pipeline.services.messaging.EventIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The spans the services ship (telemetry.spans, JSON) into the traces of their runs. The
 * channel is not traced itself (application.properties): storing spans must make no spans.
 */
@ApplicationScoped
public class SpanHandler {
    static final String CHANNEL = "telemetry-spans";

    private final TraceService traces;
    private final EventIntake intake;

    public SpanHandler(TraceService traces, EventIntake intake) {
        this.traces = traces;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onSpan(String json) {
        return intake.handle(CHANNEL, () -> traces.record(json));
    }
}
