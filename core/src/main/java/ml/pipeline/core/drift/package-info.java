/**
 * How far a dataset moved from the one the production model was trained on, computed from the two
 * stored profiles' sketches (never from raw rows): PSI and KS per numeric column, PSI and unseen
 * share per categorical column, the label's prior shift; judged against the spec's levels.
 */
package ml.pipeline.core.drift;
