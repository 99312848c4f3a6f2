package ml.pipeline.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many copies of each service to run, as {@code services up --replicas trainer=2,evaluator=2} says it. */
public final class ServiceReplicas {
    private ServiceReplicas() {
    }

    /** Every service named in {@code text} with its count; services not named run once. */
    public static Map<String, Integer> parse(String text, List<String> services) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return counts;
        }
        for (String item : text.split(",")) {
            String[] parts = item.trim().split("=", -1);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new StackException("--replicas: '" + item.trim() + "' is not NAME=COUNT (e.g. trainer=2,evaluator=2)");
            }
            String service = parts[0].trim();
            if (!services.contains(service)) {
                throw new StackException("--replicas: no service named '" + service + "'; the services are " + services);
            }
            int count;
            try {
                count = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new StackException("--replicas: the count of " + service + " is '" + parts[1].trim() + "', not a number");
            }
            if (count < 1 || count > ServiceInstance.MAX_REPLICAS) {
                throw new StackException("--replicas: " + service + "=" + count + " is out of range 1.." + ServiceInstance.MAX_REPLICAS);
            }
            if (counts.put(service, count) != null) {
                throw new StackException("--replicas: " + service + " is named twice");
            }
        }
        return counts;
    }
}
