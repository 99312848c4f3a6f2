package ml.pipeline.services.api;

import java.util.List;

/** The body of every error answer: what went wrong, and each problem when there are several. */
public record ApiError(String error, List<String> problems) {
    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
