package ml.pipeline.registry.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.services.messaging.EventMessages;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Where ModelPromoted leaves the registry. The registry also reads models.promoted (into its
 * timeline), and a channel is either read or written: this one is named apart and configured
 * onto the topic (application.properties).
 */
@ApplicationScoped
public class PromotionEvents {
    static final String CHANNEL = "promotions-out";

    private final MutinyEmitter<ModelPromoted> emitter;

    public PromotionEvents(@Channel(CHANNEL) MutinyEmitter<ModelPromoted> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(ModelPromoted event) {
        return emitter.sendMessage(EventMessages.of(event, event.getMeta()));
    }
}
