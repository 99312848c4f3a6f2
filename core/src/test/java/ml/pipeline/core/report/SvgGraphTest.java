package ml.pipeline.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgGraphTest {
    @Test
    void aChainHasABoxPerNodeAndAnArrowBetweenEachPairWithLinksWhereGiven() {
        String svg = SvgGraph.chain(List.of(new SvgGraph.Node("dataset", "churn@1a2b3c", null),
                new SvgGraph.Node("training run", "abcdefabcdefabcdefabcdefabcdef", "/ui/x?a=1&b=2"),
                new SvgGraph.Node("model version", "churn v3 <production>", null)));
        assertEquals(3, svg.split("<rect ", -1).length - 1);
        assertEquals(2, svg.split("marker-end", -1).length - 1);
        assertTrue(svg.contains("<a href=\"/ui/x?a=1&amp;b=2\">"));
        assertTrue(svg.contains("abcdefabcdefabcdefabcde…"), "long names shortened");
        assertTrue(svg.contains("churn v3 &lt;production&gt;"));
    }
}
