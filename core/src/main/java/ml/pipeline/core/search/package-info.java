/**
 * Hyperparameter search, as pure rules: which trials a search spec makes ({@link SearchPlan}) and
 * which of them successive halving lets go on at each rung ({@link SuccessiveHalving}).
 */
package ml.pipeline.core.search;
