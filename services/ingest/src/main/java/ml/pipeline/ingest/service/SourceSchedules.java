package ml.pipeline.ingest.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.spec.InvalidSpecException;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.spec.SourceSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.services.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * Runs every registered pipeline's source on its cron schedule: the stored specs are read again
 * every {@code pipeline.sources.refresh}, and a job per pipeline with a source is scheduled,
 * changed or removed to match (at once on this replica when a spec is stored here). Every replica
 * runs them all; {@link SourcePoller} says why that starts each run once.
 */
@ApplicationScoped
public class SourceSchedules {
    private static final Logger LOG = Logger.getLogger(SourceSchedules.class);
    private static final String JOB = "source-";
    /** The scheduler's cron syntax (quarkus.scheduler.cron-type's default): seconds first. */
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Scheduler scheduler;
    private final ObjectStore store;
    private final SourcePoller poller;
    private final SourceSettings settings;
    private final PipelineSpecParser parser = new PipelineSpecParser();
    /** The schedule each pipeline's job runs on, as this replica scheduled it. */
    private final Map<String, String> scheduled = new HashMap<>();

    public SourceSchedules(Scheduler scheduler, ObjectStore store, SourcePoller poller, SourceSettings settings) {
        this.scheduler = scheduler;
        this.store = store;
        this.poller = poller;
        this.settings = settings;
    }

    /** Throws {@link InvalidSpecException} naming source.schedule when the scheduler cannot run it. */
    public static void check(PipelineSpec spec) {
        if (spec.source() == null) {
            return;
        }
        try {
            CRON.parse(spec.source().schedule().strip()).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(List.of("source.schedule: not a cron expression the scheduler runs ('"
                    + spec.source().schedule() + "'): " + e.getMessage()
                    + "; use seconds minutes hours day-of-month month day-of-week, with ? in one of the day fields"));
        }
    }

    @Scheduled(every = "${pipeline.sources.refresh}", identity = "sources-refresh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Map<String, String> wanted = new HashMap<>();
            for (S3Uri uri : store.list(new S3Uri(StorageLayout.SPECS, "pipelines/"))) {
                String name = uri.fileName();
                if (!name.endsWith(".yaml")) {
                    continue;
                }
                String pipeline = name.substring(0, name.length() - ".yaml".length());
                schedule(store.read(uri).map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), pipeline)
                        .ifPresent(cron -> wanted.put(pipeline, cron));
            }
            synchronized (scheduled) {
                List.copyOf(scheduled.keySet()).stream().filter(p -> !wanted.containsKey(p)).forEach(this::unschedule);
                wanted.forEach(this::ensure);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot read the pipelines' specs for their sources: %s (tried again in %s)", e.getMessage(),
                    settings.refresh());
        }
    }

    /** A spec was stored on this replica: its source runs (or stops) now, not at the next refresh. */
    public void changed(PipelineSpec spec) {
        if (!settings.enabled()) {
            return;
        }
        synchronized (scheduled) {
            if (spec.source() == null) {
                unschedule(spec.pipeline());
            } else {
                ensure(spec.pipeline(), spec.source().schedule().strip());
            }
        }
    }

    private Optional<String> schedule(Optional<String> yaml, String pipeline) {
        try {
            return yaml.map(parser::parse).map(PipelineSpec::source).map(SourceSpec::schedule).map(String::strip);
        } catch (InvalidSpecException e) {
            LOG.warnf("pipeline %s: its stored spec does not parse, its source is not run: %s", pipeline, e.problems());
            return Optional.empty();
        }
    }

    private void ensure(String pipeline, String cron) {
        if (cron.equals(scheduled.get(pipeline))) {
            return;
        }
        unschedule(pipeline);
        try {
            scheduler.newJob(JOB + pipeline).setCron(cron).setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> poller.scheduledPoll(pipeline)).schedule();
            scheduled.put(pipeline, cron);
            LOG.infof("source of pipeline %s: polled on '%s'", pipeline, cron);
        } catch (RuntimeException e) {
            LOG.errorf("source of pipeline %s: cannot schedule '%s': %s", pipeline, cron, e.getMessage());
        }
    }

    private void unschedule(String pipeline) {
        if (scheduled.remove(pipeline) != null) {
            scheduler.unscheduleJob(JOB + pipeline);
            LOG.infof("source of pipeline %s: no longer polled", pipeline);
        }
    }
}
