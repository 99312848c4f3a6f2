/**
 * The on-demand benchmarks: the data path (validate + features against pandas), run by
 * {@code e2e/bench/data-path.sh}, and training (the trainer's loop against a plain PyTorch loop),
 * run by {@code e2e/bench/training.sh}, and tracing's cost on a whole run, by {@code
 * e2e/bench/tracing.sh}; {@code ./pipeline bench NAME} runs any of them. No class here
 * is a test, so {@code mvn verify} never runs them.
 */
package ml.pipeline.e2e.bench;
