package ml.pipeline.services.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {
    private static final OpenTelemetry W3C = OpenTelemetry.propagating(ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())));
    private static final SpanContext DECISION = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void aStoredContextReadsBackAsTheSameTraceAndRun() {
        TraceHeaders headers = new TraceHeaders(W3C);
        Context decided = RunTraces.joinRun(Context.root().with(Span.wrap(DECISION)), "run-7");

        String text = headers.write(decided);
        Context read = headers.read(text);

        assertTrue(text.contains("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), text);
        SpanContext parent = Span.fromContext(read).getSpanContext();
        assertEquals(DECISION.getTraceId(), parent.getTraceId());
        assertEquals(DECISION.getSpanId(), parent.getSpanId());
        assertTrue(parent.isRemote(), "read back, it is a parent from elsewhere");
        assertEquals("run-7", RunTraces.runOf(read));
    }

    @Test
    void anEntryFromBeforeTracesOrUnreadableTextStartsNoTraceAndFailsNothing() {
        TraceHeaders headers = new TraceHeaders(W3C);
        assertSame(Context.root(), headers.read(null));
        assertSame(Context.root(), headers.read("not json"));
        assertFalse(Span.fromContext(headers.read("{}")).getSpanContext().isValid());
    }

    @Test
    void joiningTheRunItIsAlreadyInChangesNothing() {
        Context once = RunTraces.joinRun(Context.root(), "run-1");
        assertSame(once, RunTraces.joinRun(once, "run-1"));
        assertEquals("run-2", RunTraces.runOf(RunTraces.joinRun(once, "run-2")), "a new run's publish names its own");
    }
}
