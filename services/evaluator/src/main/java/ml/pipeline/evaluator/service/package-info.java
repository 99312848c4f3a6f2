/**
 * The evaluator's beans: the stage that scores and gates a candidate, and the production baseline
 * per pipeline.
 */
package ml.pipeline.evaluator.service;
