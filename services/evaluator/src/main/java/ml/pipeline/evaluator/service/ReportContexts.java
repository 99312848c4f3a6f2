package ml.pipeline.evaluator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.core.search.SearchPlan;
import ml.pipeline.core.search.SuccessiveHalving;
import ml.pipeline.core.search.Trial;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.validation.ColumnProfile;
import ml.pipeline.core.validation.DatasetProfile;
import ml.pipeline.evaluator.domain.Candidate;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.ReportContext;
import ml.pipeline.evaluator.storage.EvaluationStore;
import ml.pipeline.evaluator.storage.EvaluationStore.RungDecision;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.TrainingRecord;

/**
 * Gathers what the report shows besides the verdict, from the final checkpoint and the store: the
 * training curves its state keeps, a search's rungs, validate's profile and findings. An
 * evaluation asked for again has no checkpoint: it shows what the first one gathered.
 */
@ApplicationScoped
public class ReportContexts {
    private final EvaluationStore store;

    public ReportContexts(EvaluationStore store) {
        this.store = store;
    }

    public ReportContext of(Candidate candidate, PipelineSpec spec) {
        if (candidate.trained() == null) {
            return store.report(candidate.model(), candidate.trainingRunId()).map(EvaluationReport::context)
                    .orElse(new ReportContext(lineage(candidate, spec, null), null, data(candidate)));
        }
        return new ReportContext(lineage(candidate, spec, candidate.trained().getTracking()),
                training(candidate.trained(), spec), data(candidate));
    }

    private static ReportContext.Lineage lineage(Candidate candidate, PipelineSpec spec, TrainingRecord tracking) {
        CheckpointWritten trained = candidate.trained();
        return new ReportContext.Lineage(spec.pipeline(), trained == null ? null : trained.getMeta().getRunId(),
                candidate.dataset().getName(), candidate.dataset().getVersion(), candidate.dataset().getUri(),
                candidate.spec().getUri(), candidate.spec().getHash(), candidate.features().getTransformVersion(),
                candidate.features().getTransformUri(), tracking == null ? spec.experimentName() : tracking.getExperiment(),
                tracking == null ? null : tracking.getCodeVersion(), tracking == null ? Map.of() : tracking.getEnvironment(),
                tracking == null ? Trial.hyperparameters(spec.model()) : tracking.getHyperparameters());
    }

    private ReportContext.Training training(CheckpointWritten trained, PipelineSpec spec) {
        String searchId = trained.getTracking() == null ? null : trained.getTracking().getSearchId();
        List<ReportContext.TrialOutcome> trials = searchId == null || spec.search() == null ? List.of()
                : trials(spec, store.rungs(trained.getModelName(), searchId), trained.getTrial());
        return new ReportContext.Training(trained.getTrainingRunId(), trained.getStopReason(),
                trained.getBest() == null ? null : trained.getBest().getStep(),
                trained.getBest() == null ? null : trained.getBest().getMetric(),
                trained.getBest() == null ? null : trained.getBest().getValue(),
                store.trainingHistory(S3Uri.parse(trained.getUri())), searchId,
                spec.search() == null ? null : spec.search().metric(), trials);
    }

    /** Each trial of the search (drawn again from the spec), its metric at each rung it reached, and its end. */
    static List<ReportContext.TrialOutcome> trials(PipelineSpec spec, List<RungDecision> rungs, int winner) {
        List<ReportContext.TrialOutcome> outcomes = new ArrayList<>();
        for (Trial trial : SearchPlan.trials(spec.model(), spec.search())) {
            List<Double> values = new ArrayList<>();
            String outcome = trial.number() == winner ? "winner" : "not ranked";
            for (RungDecision rung : rungs) {
                Optional<SuccessiveHalving.Standing> standing = rung.ranked().stream()
                        .filter(s -> s.trial() == trial.number()).findFirst();
                if (standing.isEmpty()) {
                    break;
                }
                values.add(standing.get().value());
                if (!rung.survivors().contains(trial.number()) && trial.number() != winner) {
                    outcome = "halved after " + rung.epochs() + " epoch" + (rung.epochs() == 1 ? "" : "s");
                }
            }
            outcomes.add(new ReportContext.TrialOutcome(trial.number(), Trial.hyperparameters(trial.model()), values, outcome));
        }
        return outcomes;
    }

    private ReportContext.Data data(Candidate candidate) {
        DatasetProfile profile = store.profile(candidate.dataset()).orElse(null);
        ReportContext.Findings findings = store.validation(candidate.dataset(), candidate.spec())
                .map(ReportContexts::findings).orElse(null);
        if (profile == null) {
            return new ReportContext.Data(0, Map.of(), List.of(), findings);
        }
        List<ReportContext.ColumnSummary> columns = new ArrayList<>();
        profile.columns().forEach((name, column) -> columns.add(summary(name, column)));
        return new ReportContext.Data(profile.rows(), profile.quality() == null ? Map.of() : profile.quality(), columns,
                findings);
    }

    private static ReportContext.ColumnSummary summary(String name, ColumnProfile column) {
        String top = column.top() == null || column.top().isEmpty() ? null
                : String.join(", ", column.top().stream().limit(3).map(c -> c.value() + " (" + c.count() + ")").toList());
        return new ReportContext.ColumnSummary(name, column.type(), column.nulls(), column.min(), column.max(),
                column.mean(), column.distinct(), top, column.labelAuc());
    }

    private static ReportContext.Findings findings(DatasetValidated verdict) {
        return new ReportContext.Findings(verdict.getWarnings(), verdict.getDrift().getBaselineVersion(),
                verdict.getDrift().getBaselineModelVersion(), verdict.getDrift().getNote(),
                verdict.getDrift().getColumns().stream().map(c -> new ReportContext.DriftRow(c.getColumn(), c.getKind(),
                        c.getPsi(), c.getKs(), c.getUnseenShare(), c.getPriorShift(), c.getVerdict())).toList(),
                verdict.getSchemaChanges().stream().map(c -> new ReportContext.SchemaChange(c.getColumn(), c.getChange(),
                        c.getAgainst(), c.getExpected(), c.getFound())).toList(),
                verdict.getLeakage().stream().map(l -> new ReportContext.Leak(l.getColumn(), l.getAuc(), l.getVerdict(),
                        l.getNote())).toList());
    }
}
