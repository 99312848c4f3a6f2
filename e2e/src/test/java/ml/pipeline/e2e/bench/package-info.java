/**
 * The on-demand data-path benchmark (validate + features against pandas), run by
 * {@code e2e/bench/data-path.sh}; no class here is a test, so {@code mvn verify} never runs it.
 */
package ml.pipeline.e2e.bench;
