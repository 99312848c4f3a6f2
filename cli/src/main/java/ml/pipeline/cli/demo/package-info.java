/**
 * The demo's seeded dataset generator, used by {@code ./pipeline demo} and by the e2e tests; no
 * download, the same bytes every time.
 */
package ml.pipeline.cli.demo;
