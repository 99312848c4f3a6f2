/**
 * Reading the stack's topics as an outsider: the one consumer factory, and the one Confluent wire-
 * format decoder the CLI and tests share.
 */
package ml.pipeline.stack.kafka;
