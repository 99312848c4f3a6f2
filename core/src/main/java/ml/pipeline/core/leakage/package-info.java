/** Guards against features that leak the label: each feature's univariate ROC AUC against the label. */
package ml.pipeline.core.leakage;
