package ml.pipeline.cli.demo;

import java.util.Locale;
import java.util.Random;

/**
 * The demo's dataset: customers of a subscription service, and whether they churned. Seeded, so
 * the same arguments give the same bytes. Churn grows with monthly charges and support calls,
 * falls with tenure, and is higher on the basic plan; region carries no signal; some cells are
 * empty. The e2e tests publish it too, in the variants below.
 */
public final class ChurnGenerator {
    public static final String HEADER = "customer_id,tenure_months,monthly_charges,support_calls,plan,region,churned";
    private static final String[] PLANS = {"basic", "plus", "pro"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    /** Every this many rows, {@link #breakingContract} breaks one. */
    private static final int BROKEN_EVERY = 10;

    /** Where the churn column comes from. */
    public enum Labels {
        /** From the columns (with noise): a model can learn it. */
        LEARNABLE,
        /** Drawn at random: no model can beat chance, so the gate refuses it. */
        RANDOM
    }

    private ChurnGenerator() {
    }

    public static String csv(int rows, long seed, Labels labels) {
        return generate(rows, seed, labels, false);
    }

    /** Learnable rows of which every tenth breaks the demo spec's contract: an unknown plan and a negative tenure. */
    public static String breakingContract(int rows, long seed) {
        return generate(rows, seed, Labels.LEARNABLE, true);
    }

    private static String generate(int rows, long seed, Labels labels, boolean breakContract) {
        Random random = new Random(seed);
        Random coinFlips = new Random(seed + 1);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            int tenure = random.nextInt(73);
            double charges = 20 + random.nextDouble() * 100;
            int calls = random.nextInt(9);
            String plan = PLANS[random.nextInt(PLANS.length)];
            String region = REGIONS[random.nextInt(REGIONS.length)];
            double logOdds = -0.04 * tenure + 0.02 * charges + 0.35 * calls + ("basic".equals(plan) ? 0.6 : -0.3) - 1.5
                    + random.nextGaussian() * 0.8;
            int churned = labels == Labels.RANDOM ? coinFlips.nextInt(2) : (logOdds > 0 ? 1 : 0);
            if (breakContract && i % BROKEN_EVERY == 0) {
                plan = "platinum";
                tenure = -3;
            }
            String chargesCell = i % 50 == 7 ? "" : String.format(Locale.ROOT, "%.2f", charges);
            csv.append('c').append(i).append(',').append(tenure).append(',').append(chargesCell).append(',').append(calls)
                    .append(',').append(plan).append(',').append(region).append(',').append(churned).append('\n');
        }
        return csv.toString();
    }
}
