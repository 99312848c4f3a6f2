package ml.pipeline.registry.service;

import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelAliasChanged;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.registry.storage.OutboxStore;
import ml.pipeline.services.messaging.EventSender;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox owes, after the transaction that decided it has committed, and marks each
 * event sent once the broker has it. The registry also reads these topics (into its timelines),
 * and a channel is either read or written: its outgoing channels are named apart and configured
 * onto the topics in application.properties.
 */
@ApplicationScoped
public class Announcer {
    static final String PROMOTIONS_CHANNEL = "promotions-out";
    static final String EVALUATION_REQUESTS_CHANNEL = "evaluation-requests-out";
    static final String CANCELLATIONS_CHANNEL = "run-cancellations-out";
    static final String ALIAS_CHANGES_CHANNEL = "alias-changes-out";
    private static final Logger LOG = Logger.getLogger(Announcer.class);

    private final OutboxStore outbox;
    private final Duration announceDelay;
    private final EventSender sender;
    private final MutinyEmitter<ModelPromoted> promotions;
    private final MutinyEmitter<EvaluationRequested> evaluationRequests;
    private final MutinyEmitter<RunCancelled> cancellations;
    private final MutinyEmitter<ModelAliasChanged> aliasChanges;

    public Announcer(OutboxStore outbox, EventSender sender, RegistrySettings settings,
            @Channel(PROMOTIONS_CHANNEL) MutinyEmitter<ModelPromoted> promotions,
            @Channel(EVALUATION_REQUESTS_CHANNEL) MutinyEmitter<EvaluationRequested> evaluationRequests,
            @Channel(CANCELLATIONS_CHANNEL) MutinyEmitter<RunCancelled> cancellations,
            @Channel(ALIAS_CHANGES_CHANNEL) MutinyEmitter<ModelAliasChanged> aliasChanges) {
        this.outbox = outbox;
        this.announceDelay = settings.outbox().announceDelay();
        this.sender = sender;
        this.promotions = promotions;
        this.evaluationRequests = evaluationRequests;
        this.cancellations = cancellations;
        this.aliasChanges = aliasChanges;
    }

    /**
     * The fast path: right after the deciding transaction committed (after the announce delay, if
     * one is set), in the trace of the decision, as the outbox has it too.
     */
    public Uni<Void> announceCommitted(List<SpecificRecord> events) {
        Context trace = Context.current();
        List<OutboxStore.Owed> owed = events.stream().map(event -> new OutboxStore.Owed(event, trace)).toList();
        if (events.isEmpty() || announceDelay.isZero()) {
            return announce(owed);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(announceDelay).chain(() -> announce(owed));
    }

    /**
     * Sends the events (already committed to the outbox) one after the other. A failure is logged,
     * not raised: the decision stands, and the relay sends what is left unsent.
     */
    public Uni<Void> announce(List<OutboxStore.Owed> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::sendAndMark)
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithUni(error -> {
                    LOG.warnf(error, "announcing %d event(s) failed; the outbox relay will send them", events.size());
                    return Uni.createFrom().voidItem();
                });
    }

    Uni<Void> sendAndMark(OutboxStore.Owed owed) {
        return send(owed.event(), owed.trace())
                .chain(() -> Panache.withTransaction(() -> outbox.markSent(EventMetas.of(owed.event()).getEventId())));
    }

    private Uni<Void> send(SpecificRecord event, Context trace) {
        if (event instanceof ModelPromoted promoted) {
            return sender.sendAsync(promotions, promoted, trace);
        }
        if (event instanceof EvaluationRequested request) {
            return sender.sendAsync(evaluationRequests, request, trace);
        }
        if (event instanceof RunCancelled cancelled) {
            return sender.sendAsync(cancellations, cancelled, trace);
        }
        if (event instanceof ModelAliasChanged aliasChange) {
            return sender.sendAsync(aliasChanges, aliasChange, trace);
        }
        throw new IllegalArgumentException("the registry does not announce " + event.getSchema().getName());
    }
}
