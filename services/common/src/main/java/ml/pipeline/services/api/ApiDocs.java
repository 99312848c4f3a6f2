package ml.pipeline.services.api;

/** The answers every service's OpenAPI document describes alike, worded once. */
public final class ApiDocs {
    /** AccessErrors' 401 to a write. */
    public static final String NO_TOKEN = "No bearer token, or one that is expired, malformed or not signed by this stack";
    /** Refused by the HTTP layer before any resource, so without a body; reads are open by default. */
    public static final String READ_NO_TOKEN = "Only when reads are protected (pipeline.auth.protect-reads=true): "
            + "no valid bearer token (no body)";

    private ApiDocs() {
    }
}
