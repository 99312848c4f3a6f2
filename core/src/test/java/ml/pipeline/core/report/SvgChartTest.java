package ml.pipeline.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    @Test
    void eachSeriesIsOnePolylineInsideThePlotWithItsNameInTheLegend() {
        String svg = new SvgChart("ROC", "false positive rate", "true positive rate").unitSquare(true)
                .add(new SvgChart.Series("candidate", List.of(new SvgChart.Point(0, 0), new SvgChart.Point(0.2, 0.8),
                        new SvgChart.Point(1, 1)), false))
                .add(new SvgChart.Series("production", List.of(new SvgChart.Point(0, 0), new SvgChart.Point(1, 1)), true))
                .render();
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
        Matcher polylines = Pattern.compile("<polyline class=\"series\" data-series=\"(\\w+)\"[^>]*points=\"([^\"]*)\"").matcher(svg);
        assertTrue(polylines.find());
        assertEquals("candidate", polylines.group(1));
        for (String xy : polylines.group(2).split(" ")) {
            double x = Double.parseDouble(xy.split(",")[0]);
            double y = Double.parseDouble(xy.split(",")[1]);
            assertTrue(x >= 52 && x <= SvgChart.WIDTH - 12 && y >= 28 && y <= SvgChart.HEIGHT - 44, xy + " inside the plot");
        }
        assertTrue(polylines.find());
        assertEquals("production", polylines.group(1));
        assertTrue(svg.contains("stroke-dasharray=\"5 3\""), "the baseline dashed");
    }

    @Test
    void textIsEscapedAndNonFiniteValuesAreLeftOut() {
        String svg = new SvgChart("loss <train & val>", "step", "loss")
                .add(new SvgChart.Series("a\"b", List.of(new SvgChart.Point(1, Double.NaN), new SvgChart.Point(2, 0.5)), false))
                .render();
        assertTrue(svg.contains("loss &lt;train &amp; val&gt;"));
        assertTrue(svg.contains("data-series=\"a&quot;b\""));
        assertFalse(svg.contains("NaN"));
        assertTrue(svg.contains("<circle"), "a series left with one point is drawn as a dot");
    }

    @Test
    void ticksHaveTheDecimalsTheirSpacingNeeds() {
        assertEquals("0.5", SvgChart.tick(0.5, 0.2));
        assertEquals("1", SvgChart.tick(1.0, 0.2));
        assertEquals("250", SvgChart.tick(250, 50));
        assertEquals("0.812", SvgChart.tick(0.8124, 0.004), "a narrow range keeps its ticks apart");
        assertEquals("1.0e-05", SvgChart.tick(0.00001, 0.00001));
        assertEquals("0", SvgChart.tick(0, 0.2));
    }
}
