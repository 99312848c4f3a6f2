/**
 * The pipeline spec (YAML): its records with their defaults, the parser that names every problem
 * at once, and the model stages a policy promotes to.
 */
package ml.pipeline.core.spec;
