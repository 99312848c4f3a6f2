/**
 * What the registry decides for an evaluated candidate: register it, promote it by policy, or
 * leave production as it is, with the reason.
 */
package ml.pipeline.core.promotion;
