package ml.pipeline.services.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where finished spans go (Quarkus adds every SpanProcessor bean to its tracer): a span whose
 * context names a run is marked with it ({@link RunTraces#RUN_ID}) and shipped to the registry;
 * every span goes to the OTLP collector when {@code pipeline.tracing.otlp-endpoint} names one.
 * Quarkus' own OTLP exporter is off at build time, because it always sends, to localhost:4317
 * when nothing is configured.
 */
@Singleton
@Unremovable
public class TraceExport implements SpanProcessor {
    private static final Logger LOG = Logger.getLogger(TraceExport.class);

    private final SpanProcessor toRegistry;
    private final SpanProcessor toCollector;

    public TraceExport(TracingSettings settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.toRegistry = settings.shipToRegistry()
                ? BatchSpanProcessor.builder(new SpanShipper(bootstrapServers, settings.topic(), service))
                        .setScheduleDelay(settings.shipEvery()).build()
                : null;
        this.toCollector = settings.otlpEndpoint()
                .map(endpoint -> {
                    LOG.infof("spans go to the OTLP collector at %s", endpoint);
                    return (SpanProcessor) BatchSpanProcessor.builder(
                            OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()).build();
                })
                .orElse(null);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String runId = RunTraces.runOf(parentContext);
        if (runId != null && span.getAttribute(RunTraces.RUN_ID) == null) {
            span.setAttribute(RunTraces.RUN_ID, runId);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (toCollector != null) {
            toCollector.onEnd(span);
        }
        if (toRegistry != null && span.getAttribute(RunTraces.RUN_ID) != null) {
            toRegistry.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofAll(each(SpanProcessor::forceFlush));
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofAll(each(SpanProcessor::shutdown));
    }

    private List<CompletableResultCode> each(Function<SpanProcessor, CompletableResultCode> call) {
        List<CompletableResultCode> results = new ArrayList<>();
        for (SpanProcessor processor : new SpanProcessor[] {toRegistry, toCollector}) {
            if (processor != null) {
                results.add(call.apply(processor));
            }
        }
        return results;
    }
}
