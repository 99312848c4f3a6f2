package ml.pipeline.e2e.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark's dataset: a churn-like CSV of 10 columns (an id, six numbers, two categories, a
 * 0/1 label) written from a seed, and the pipeline spec that describes it. Both live here so the
 * columns and the contract cannot drift apart. The same rows and seed always give the same bytes.
 */
public final class BenchDataset {

    /** The contract of the generated file; the spec parser checks it like any user's spec. */
    public static final String SPEC_YAML = """
            pipeline: data-path-bench
            dataset:
              label: churned
              id: customer_id
              minRows: 100
              columns:
                - {name: customer_id, type: string, nullable: false}
                - {name: tenure_months, type: numeric, nullable: false, min: 0, max: 120}
                - {name: monthly_charges, type: numeric, nullable: false, min: 0}
                - {name: total_charges, type: numeric, min: 0}
                - {name: data_gb, type: numeric, min: 0}
                - {name: session_minutes, type: numeric, min: 0}
                - {name: discount_rate, type: numeric, min: 0, max: 1}
                - {name: plan, type: categorical, categories: [basic, plus, pro]}
                - {name: region, type: categorical, categories: [north, south, east, west, central]}
                - {name: churned, type: numeric, nullable: false, min: 0, max: 1}
            features:
              split: {train: 0.7, validation: 0.15, holdout: 0.15, seed: 11}
              impute: median
            model:
              name: data-path-bench
              type: logistic
            """;

    static final String HEADER = "customer_id,tenure_months,monthly_charges,total_charges,data_gb,session_minutes,"
            + "discount_rate,plan,region,churned";
    private static final String[] PLANS = {"basic", "plus", "pro"};
    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    /** About 1% of data_gb is empty, so that imputation does real work as in user data. */
    private static final double MISSING_DATA_GB = 0.01;

    private BenchDataset() {
    }

    /** Writes {@code rows} data rows (plus the header) to {@code csv}; returns the file's size in bytes. */
    public static long write(Path csv, long rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(128);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8), 1 << 20)) {
            out.write(HEADER);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                line.setLength(0);
                appendRow(line, i, random);
                out.append(line);
            }
        }
        return Files.size(csv);
    }

    private static void appendRow(StringBuilder line, long index, SplittableRandom random) {
        int tenure = random.nextInt(121);
        long monthlyCents = 1_500 + random.nextLong(10_500);
        int planIndex = random.nextInt(PLANS.length);
        // A label that depends on the features (short tenure, high charges, basic plan churn more), so
        // the fitted transform sees realistic, imbalanced classes.
        double risk = -1.5 - 0.03 * tenure + monthlyCents / 6_000.0 + (planIndex == 0 ? 0.5 : 0);
        boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-risk));

        line.append('c').append(index).append(',');
        line.append(tenure).append(',');
        appendFixed(line, monthlyCents, 2).append(',');
        appendFixed(line, monthlyCents * Math.max(tenure, 1) + random.nextLong(100), 2).append(',');
        if (random.nextDouble() >= MISSING_DATA_GB) {
            appendFixed(line, random.nextLong(200_000), 3);
        }
        line.append(',');
        appendFixed(line, random.nextLong(6_000), 1).append(',');
        appendFixed(line, random.nextLong(10_001), 4).append(',');
        line.append(PLANS[planIndex]).append(',');
        line.append(REGIONS[random.nextInt(REGIONS.length)]).append(',');
        line.append(churned ? '1' : '0').append('\n');
    }

    /** {@code scaled / 10^decimals} with exactly that many decimals; String.format is ~10x slower at 4M rows. */
    private static StringBuilder appendFixed(StringBuilder line, long scaled, int decimals) {
        long unit = 1;
        for (int i = 0; i < decimals; i++) {
            unit *= 10;
        }
        line.append(scaled / unit).append('.');
        String fraction = Long.toString(scaled % unit);
        for (int pad = fraction.length(); pad < decimals; pad++) {
            line.append('0');
        }
        return line.append(fraction);
    }
}
