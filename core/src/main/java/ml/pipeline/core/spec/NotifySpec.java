package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import ml.pipeline.core.notify.AlertKind;

/**
 * Who hears about the pipeline's runs: webhooks that the registry calls (Slack-compatible JSON,
 * signed, tried again with backoff, never holding the pipeline up) on the alert kinds they list.
 * <pre>
 * notify:
 *   webhooks:
 *     - url: https://hooks.example.com/pipeline
 *       on: [failure, rejection, gate_refused, drift, promotion, rollback]   # the default: all
 *       secret: CHURN_HOOK    # signs with the registry's setting pipeline.webhook.secret.CHURN_HOOK
 *                             # (environment: PIPELINE_WEBHOOK_SECRET_CHURN_HOOK); left out: unsigned
 * </pre>
 * The spec names the secret, never holds it: a spec is snapshotted into the object store and
 * shown by the API.
 */
public record NotifySpec(List<Webhook> webhooks) {
    /** At most this many hooks a pipeline. */
    public static final int MAX_WEBHOOKS = 16;
    /** A secret's name: letters, digits and '_', so that it maps onto one environment variable. */
    public static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** The registry's setting a secret name points at, and its environment variable. */
    public static final String SECRET_SETTING = "pipeline.webhook.secret.";
    public static final String SECRET_VARIABLE = "PIPELINE_WEBHOOK_SECRET_";

    public NotifySpec {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    public static NotifySpec none() {
        return new NotifySpec(null);
    }

    /** The hooks subscribed to {@code kind}. */
    public List<Webhook> hooksFor(AlertKind kind) {
        return webhooks.stream().filter(hook -> hook.kinds().contains(kind)).toList();
    }

    /**
     * One webhook: where to POST, on which kinds ({@code on}; every kind when left out), and the
     * name of the secret that signs its requests. The kinds are held as the spec's text so that the
     * parser can name every bad one; {@link #kinds()} is the typed view.
     */
    public record Webhook(String url, List<String> on, String secret) {
        public Webhook {
            on = on == null ? AlertKind.names() : List.copyOf(on);
        }

        @JsonIgnore
        public Set<AlertKind> kinds() {
            return Set.copyOf(on.stream().map(AlertKind::byName).flatMap(Optional::stream).toList());
        }

        /** The registry's setting that holds the secret, when the hook has one. */
        public static String secretSetting(String name) {
            return SECRET_SETTING + name;
        }

        /** The environment variable that sets it. */
        public static String secretVariable(String name) {
            return SECRET_VARIABLE + name.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
