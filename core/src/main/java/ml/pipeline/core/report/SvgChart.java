package ml.pipeline.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as one {@code <svg>} element: axes with ticks, one polyline per series, a legend,
 * and optionally the diagonal (a ROC chart's chance line, a calibration chart's perfect one).
 * The axes fit the data unless fixed; text is escaped.
 */
public final class SvgChart {
    static final int WIDTH = 420;
    static final int HEIGHT = 300;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;
    private static final int TICKS = 5;
    /** Colours that stay apart for the colour-blind (Okabe-Ito). */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000");

    public record Point(double x, double y) {
    }

    /** {@code dashed}: drawn dashed (a baseline, a validation curve beside its training one). */
    public record Series(String name, List<Point> points, boolean dashed) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double[] xRange;
    private double[] yRange;
    private boolean diagonal;

    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public SvgChart add(Series line) {
        series.add(line);
        return this;
    }

    /** Both axes from 0 to 1, the diagonal drawn: for ROC, precision-recall and calibration charts. */
    public SvgChart unitSquare(boolean withDiagonal) {
        xRange = new double[] {0, 1};
        yRange = new double[] {0, 1};
        diagonal = withDiagonal;
        return this;
    }

    public String render() {
        double[] xs = xRange != null ? xRange : span(true);
        double[] ys = yRange != null ? yRange : span(false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT,
                escape(title)));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", LEFT, TOP, plotWidth,
                plotHeight));
        for (int t = 0; t <= TICKS; t++) {
            double fx = xs[0] + (xs[1] - xs[0]) * t / TICKS;
            double fy = ys[0] + (ys[1] - ys[0]) * t / TICKS;
            double px = LEFT + plotWidth * (double) t / TICKS;
            double py = TOP + plotHeight - plotHeight * (double) t / TICKS;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    px, TOP, px, TOP + plotHeight, px, TOP + plotHeight + 13, tick(fx, (xs[1] - xs[0]) / TICKS)));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    LEFT, py, LEFT + plotWidth, py, LEFT - 4, py + 3, tick(fy, (ys[1] - ys[0]) / TICKS)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                LEFT + plotWidth / 2.0, HEIGHT - 14, escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"12\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 %.1f)\">%s</text>",
                TOP + plotHeight / 2.0, TOP + plotHeight / 2.0, escape(yLabel)));
        if (diagonal) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>", LEFT,
                    TOP + plotHeight, LEFT + plotWidth, TOP));
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = PALETTE.get(s % PALETTE.size());
            StringBuilder points = new StringBuilder();
            double lastX = 0;
            double lastY = 0;
            int drawn = 0;
            for (Point p : line.points()) {
                if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                    continue;
                }
                lastX = LEFT + plotWidth * fraction(p.x(), xs);
                lastY = TOP + plotHeight - plotHeight * fraction(p.y(), ys);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
                drawn++;
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"%s\"/>",
                    escape(line.name()), colour, line.dashed() ? " stroke-dasharray=\"5 3\"" : "", points.toString().trim()));
            if (drawn == 1) {
                // A polyline of one point draws nothing.
                svg.append(String.format(Locale.ROOT, "<circle r=\"3\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\"/>", colour, lastX,
                        lastY));
            }
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>",
                    LEFT + 8, TOP + 12 + 13 * s, LEFT + 26, TOP + 12 + 13 * s, colour,
                    line.dashed() ? " stroke-dasharray=\"5 3\"" : "", LEFT + 30, TOP + 15 + 13 * s, escape(line.name())));
        }
        return svg.append("</svg>").toString();
    }

    /** The data's range on one axis, padded a little; a flat or empty one widened so that it draws. */
    private double[] span(boolean x) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            for (Point p : line.points()) {
                double v = x ? p.x() : p.y();
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            return new double[] {0, 1};
        }
        if (low == high) {
            return new double[] {low - 0.5, high + 0.5};
        }
        double pad = x ? 0 : (high - low) * 0.05;
        return new double[] {low - pad, high + pad};
    }

    private static double fraction(double value, double[] range) {
        return (value - range[0]) / (range[1] - range[0]);
    }

    /** A tick's label with as many decimals as the distance between ticks ({@code step}) needs to tell them apart. */
    static String tick(double value, double step) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-4)) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        int decimals = step <= 0 ? 2 : Math.max(0, Math.min(6, (int) Math.ceil(-Math.log10(step))));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
