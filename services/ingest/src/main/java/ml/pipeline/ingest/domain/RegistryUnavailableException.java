package ml.pipeline.ingest.domain;

/** The registry did not answer whether a publish starts a run: nothing was published. */
public final class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String url, String why) {
        super("the registry at " + url + " did not answer (" + why + "), so it is unknown whether this dataset ran already;"
                + " nothing was published: start the services (./pipeline services up) and publish again, or publish with force");
    }
}
