package ml.pipeline.core.source;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a source's last poll ended: a run started, nothing new, or an error (named in the status). */
public enum SourceOutcome {
    PUBLISHED, UNCHANGED, ERROR;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
