package ml.pipeline.stack;

/**
 * One running copy of a service: replica 1 is the service itself (its name, its port); replica
 * k > 1 is {@code <service>-<k>} on the service's port + 100 (k - 1), so that replicas of every
 * service fit between the services' ports and the stack's.
 */
public record ServiceInstance(String service, int replica) {
    public static final int MAX_REPLICAS = 9;
    static final int PORT_STEP = 100;

    public ServiceInstance {
        if (replica < 1 || replica > MAX_REPLICAS) {
            throw new IllegalArgumentException("replica " + replica + " of " + service + " is out of range 1.." + MAX_REPLICAS);
        }
    }

    /** Its process name: what pid files, logs and {@code services logs NAME} use. */
    public String name() {
        return replica == 1 ? service : service + "-" + replica;
    }

    public int port(StackConfig.ServiceSettings services) {
        return services.port(service) + PORT_STEP * (replica - 1);
    }

    /** The instance a process name names, e.g. trainer-2; a plain service name is replica 1. */
    public static ServiceInstance ofName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash > 0 && name.substring(dash + 1).matches("[0-9]+")) {
            return new ServiceInstance(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
        }
        return new ServiceInstance(name, 1);
    }
}
