/**
 * Charts as inline SVG text: what the evaluation report (a self-contained page in the object
 * store, opened with no network) and the registry's dashboard draw curves with. No script, no
 * chart library to load.
 */
package ml.pipeline.core.report;
