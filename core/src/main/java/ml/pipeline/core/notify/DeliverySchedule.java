package ml.pipeline.core.notify;

import java.time.Duration;

/**
 * How a webhook delivery is tried: up to {@code attempts} times, waiting {@code firstRetry} before
 * the second attempt and twice as long before each next one, never more than {@code maxRetry}
 * (5 attempts from 1 s: waits of 1, 2, 4 and 8 s). An answer in 2xx is delivered; a timeout, a
 * refused connection, 408, 425, 429 or 5xx is tried again; any other answer (a 404, a 401, a
 * redirect) is a mistake that waiting does not mend, so it fails at once.
 */
public record DeliverySchedule(int attempts, Duration firstRetry, Duration maxRetry) {
    public DeliverySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + attempts);
        }
        if (firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("0 <= firstRetry <= maxRetry, got " + firstRetry + " and " + maxRetry);
        }
    }

    /** What an attempt's answer means for the delivery. */
    public enum Verdict {
        DELIVERED, RETRY, GIVE_UP
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        Duration delay = firstRetry;
        for (int i = 2; i < attempt && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    /**
     * Attempt {@code attempt} (from 1) was answered {@code status} (null: no answer: refused,
     * timed out, unreachable).
     */
    public Verdict after(int attempt, Integer status) {
        if (status != null && status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (!isTransient(status) || attempt >= attempts) {
            return Verdict.GIVE_UP;
        }
        return Verdict.RETRY;
    }

    /** The waits of every retry together: how long a delivery that never succeeds takes, besides the requests themselves. */
    public Duration totalWait() {
        Duration total = Duration.ZERO;
        for (int attempt = 2; attempt <= attempts; attempt++) {
            total = total.plus(delayBefore(attempt));
        }
        return total;
    }

    static boolean isTransient(Integer status) {
        return status == null || status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
