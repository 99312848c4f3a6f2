/**
 * The registry's event handlers: every topic into run timelines, ModelEvaluated also to promotion.
 * No rule here.
 */
package ml.pipeline.registry.consume;
