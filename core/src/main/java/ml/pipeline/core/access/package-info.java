/** Who may do what: the roles a token carries and the rule of which role moves a model where. */
package ml.pipeline.core.access;
