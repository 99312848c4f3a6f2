package ml.pipeline.services.api;

/** Another service did not answer (or answered 5xx): a fault that may pass, so the stage retries it. */
public class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String service, String url, String why) {
        super(service + " at " + url + " did not answer: " + why);
    }
}
