package ml.pipeline.services.tracing;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How a run's trace is carried. Its id travels as baggage beside the {@code traceparent} of each
 * event, so that every span of every service can say which run it belongs to ({@link TraceExport}
 * ships those spans to the registry); work that goes on after asynchronous steps is given its
 * context explicitly, never left to whichever thread happens to run it.
 */
public final class RunTraces {
    /** On every span of a run: which run. */
    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("pipeline.run_id");
    static final String RUN_BAGGAGE = "pipeline.run_id";

    private RunTraces() {
    }

    /** The trace an incoming event carried (its receive span), or the current context when it carried none. */
    public static Context of(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElseGet(Context::current);
    }

    /** The context with the run named in its baggage (passed on with every event) and on its span. */
    public static Context joinRun(Context context, String runId) {
        Span.fromContext(context).setAttribute(RUN_ID, runId);
        if (runId.equals(runOf(context))) {
            return context;
        }
        return context.with(Baggage.fromContext(context).toBuilder().put(RUN_BAGGAGE, runId).build());
    }

    /** The run named in the context's baggage, or null. */
    static String runOf(Context context) {
        return Baggage.fromContext(context).getEntryValue(RUN_BAGGAGE);
    }
}
