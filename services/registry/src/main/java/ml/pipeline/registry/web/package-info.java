/**
 * The dashboard: server-rendered pages (Qute templates under templates/dashboard) over the
 * registry's own data, a run's timeline pushed live as server-sent events, and the evaluation
 * report served from the store. Charts are inline SVG drawn by core's report package, as in the
 * report itself: no script library to load.
 */
package ml.pipeline.registry.web;
