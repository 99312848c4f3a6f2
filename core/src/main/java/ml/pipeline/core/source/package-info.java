/**
 * Sources that publish by themselves (the spec's {@code source:}): which polled objects are new,
 * and what a poll leaves in the source's status. Pure rules; ingest does the polling.
 */
package ml.pipeline.core.source;
