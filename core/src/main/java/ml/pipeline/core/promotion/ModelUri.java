package ml.pipeline.core.promotion;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.pipeline.core.spec.ModelStage;

/**
 * A model version named the way serving systems ask for it: {@code models:/<name>@<alias>},
 * {@code models:/<name>/<version>} or {@code models:/<name>/<stage>} (the holder of staging,
 * canary or production). Exactly one of alias, version and stage is set.
 */
public record ModelUri(String model, String alias, Integer version, ModelStage stage) {
    public static final String SCHEME = "models:/";
    /** A model or alias name: lower-case letters, digits, '-' and '_', starting with a letter, at most 64. */
    private static final String NAME = "[a-z][a-z0-9_-]{0,63}";
    private static final Pattern ALIAS_NAME = Pattern.compile(NAME);
    private static final Pattern URI = Pattern.compile(Pattern.quote(SCHEME) + "(" + NAME + ")(?:@(" + NAME
            + ")|/([0-9]{1,9})|/([a-z]+))");

    /** The uri's parts, or a message naming what is wrong with it. */
    public static ModelUri parse(String uri) {
        Matcher m = URI.matcher(uri == null ? "" : uri.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + uri + "' is not a model uri: use " + SCHEME + "<name>@<alias>, "
                    + SCHEME + "<name>/<version> or " + SCHEME + "<name>/<stage>");
        }
        if (m.group(2) != null) {
            return new ModelUri(m.group(1), m.group(2), null, null);
        }
        if (m.group(3) != null) {
            return new ModelUri(m.group(1), null, Integer.valueOf(m.group(3)), null);
        }
        ModelStage stage = ModelStage.byName(m.group(4)).filter(ModelStage::isHeldByOne).orElseThrow(() ->
                new IllegalArgumentException("'" + uri + "': '" + m.group(4) + "' is not a stage one version holds; use staging, "
                        + "canary or production"));
        return new ModelUri(m.group(1), null, null, stage);
    }

    /** Why {@code alias} cannot name an alias, or empty when it can. */
    public static Optional<String> aliasProblem(String alias) {
        if (alias == null || !ALIAS_NAME.matcher(alias).matches()) {
            return Optional.of("alias '" + alias + "': use lower-case letters, digits, '-' and '_', starting with a letter "
                    + "(at most 64)");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return SCHEME + model + (alias != null ? "@" + alias : "/" + (version != null ? version : stage.stageName()));
    }
}
