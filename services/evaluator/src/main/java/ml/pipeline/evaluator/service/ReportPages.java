package ml.pipeline.evaluator.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.evaluator.domain.EvaluationReport;
import ml.pipeline.evaluator.domain.ModelCard;
import ml.pipeline.evaluator.domain.ReportView;

/**
 * The report page (templates/report.html: inline CSS and SVG, no script, nothing to fetch) and the
 * model card (templates/model-card.md), rendered from the report.
 */
@ApplicationScoped
public class ReportPages {
    private final Template page;
    private final Template card;

    public ReportPages(@Location("report.html") Template page, @Location("model-card.md") Template card) {
        this.page = page;
        this.card = card;
    }

    public String page(EvaluationReport report) {
        return page.data("view", ReportView.of(report)).render();
    }

    public ModelCard card(EvaluationReport report, PipelineSpec spec) {
        ModelCard.Facts facts = ModelCard.facts(report, spec);
        return new ModelCard(card.data("card", facts).render(), facts);
    }

    /** Number formats of both templates, as {@code f:num(x)}: a missing value is a dash. */
    @TemplateExtension(namespace = "f")
    static final class Formats {
        private Formats() {
        }

        static String num(Double value) {
            if (value == null) {
                return "–";
            }
            if (value.isNaN() || value.isInfinite()) {
                return String.valueOf(value);
            }
            double magnitude = Math.abs(value);
            return magnitude != 0 && (magnitude < 0.001 || magnitude >= 1e6) ? String.format(Locale.ROOT, "%.3e", value)
                    : String.format(Locale.ROOT, "%.4f", value);
        }

        static String signed(Double value) {
            return value == null ? "–" : (value > 0 ? "+" : "") + num(value);
        }

        static String text(Object value) {
            return value == null ? "–" : value.toString();
        }
    }
}
