/**
 * Checking a dataset against its contract in one streaming pass: every violation, warnings, the
 * column profile and the quality summary.
 */
package ml.pipeline.core.validation;
