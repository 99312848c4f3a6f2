package ml.pipeline.core.report;

import java.util.List;
import java.util.Locale;

/**
 * A lineage as one {@code <svg>}: boxes left to right, each with a kind and a short name, joined
 * by arrows (dataset, spec, transform, training run, model version).
 */
public final class SvgGraph {
    private static final int BOX_WIDTH = 170;
    private static final int BOX_HEIGHT = 46;
    private static final int GAP = 34;
    private static final int MAX_LABEL = 24;

    /** {@code kind}: what the box is (dataset, spec...); {@code label}: which one; {@code link}: where it opens, or null. */
    public record Node(String kind, String label, String link) {
    }

    private SvgGraph() {
    }

    public static String chain(List<Node> nodes) {
        int width = nodes.size() * BOX_WIDTH + Math.max(0, nodes.size() - 1) * GAP + 2;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"lineage\">",
                width, BOX_HEIGHT + 2, width, BOX_HEIGHT + 2));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>");
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            int x = 1 + i * (BOX_WIDTH + GAP);
            String box = String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"1\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#f4f8fc\" stroke=\"#0072B2\"/>"
                            + "<text x=\"%d\" y=\"18\" font-size=\"10\" fill=\"#555\">%s</text>"
                            + "<text x=\"%d\" y=\"36\" font-size=\"12\" font-family=\"monospace\">%s</text>",
                    x, BOX_WIDTH, BOX_HEIGHT, x + 8, SvgChart.escape(node.kind()), x + 8, SvgChart.escape(shorten(node.label())));
            svg.append(node.link() == null ? box
                    : "<a href=\"" + SvgChart.escape(node.link()) + "\">" + box + "</a>");
            if (i + 1 < nodes.size()) {
                int from = x + BOX_WIDTH;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#666\" marker-end=\"url(#arrow)\"/>", from + 2,
                        1 + BOX_HEIGHT / 2, from + GAP - 2, 1 + BOX_HEIGHT / 2));
            }
        }
        return svg.append("</svg>").toString();
    }

    static String shorten(String label) {
        if (label == null) {
            return "–";
        }
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }
}
