package ml.pipeline.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {
    @Test
    void aPerfectRankingGoesThroughTheTopLeftCornerAndHasPrecisionOneUpToFullRecall() {
        float[] scores = {0.9f, 0.8f, 0.3f, 0.1f};
        float[] labels = {1, 1, 0, 0};
        Curves curves = Curves.of(scores, labels);
        assertEquals(List.of(new Curves.Point(0, 0), new Curves.Point(0, 0.5), new Curves.Point(0, 1),
                new Curves.Point(0.5, 1), new Curves.Point(1, 1)), curves.roc());
        assertEquals(new Curves.Point(1, 1), curves.precisionRecall().get(2), "both positives found, no false one");
        assertEquals(new Curves.Point(1, 0.5), curves.precisionRecall().get(4), "everything called positive");
        assertEquals(new Curves.Confusion(0.5, 2, 0, 2, 0), curves.confusion());
    }

    @Test
    void tiedScoresAreOneStepOfTheCurveAndTheAreaUnderItIsTheRankAuc() {
        Random random = new Random(7);
        float[] scores = new float[500];
        float[] labels = new float[500];
        for (int i = 0; i < scores.length; i++) {
            labels[i] = random.nextBoolean() ? 1 : 0;
            scores[i] = Math.round((labels[i] * 0.3f + random.nextFloat() * 0.7f) * 20) / 20f;
        }
        Curves curves = Curves.of(scores, labels);
        double area = 0;
        for (int k = 1; k < curves.roc().size(); k++) {
            Curves.Point a = curves.roc().get(k - 1);
            Curves.Point b = curves.roc().get(k);
            area += (b.x() - a.x()) * (a.y() + b.y()) / 2;
        }
        assertEquals(BinaryMetrics.rocAuc(scores, labels), area, 1e-9, "trapezoids over tied steps = ties averaged");
        assertTrue(curves.roc().size() <= 22, "one point per distinct score (21) and the origin");
    }

    @Test
    void calibrationBinsHoldTheMeanPredictionAndTheObservedRateOfTheirRows() {
        float[] scores = {0.05f, 0.15f, 0.12f, 0.95f, 1.0f};
        float[] labels = {0, 1, 0, 1, 1};
        List<Curves.CalibrationBin> bins = Curves.of(scores, labels).calibration();
        assertEquals(3, bins.size(), "empty bins left out");
        assertEquals(0.135, bins.get(1).predicted(), 1e-6);
        assertEquals(0.5, bins.get(1).observed(), 1e-12);
        assertEquals(2, bins.get(2).rows(), "a probability of 1 falls in the last bin");
    }

    @Test
    void longCurvesAreThinnedToAFewHundredPointsWithTheirEndsKept() {
        float[] scores = new float[5000];
        float[] labels = new float[5000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 5000f;
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        Curves curves = Curves.of(scores, labels);
        assertEquals(Curves.MAX_POINTS, curves.roc().size());
        assertEquals(new Curves.Point(0, 0), curves.roc().get(0));
        assertEquals(new Curves.Point(1, 1), curves.roc().get(Curves.MAX_POINTS - 1));
    }
}
