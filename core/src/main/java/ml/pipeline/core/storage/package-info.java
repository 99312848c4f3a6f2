/**
 * Where every output lives: S3 addresses and the storage layout, keyed by content hashes. No S3
 * client here: services/common holds it.
 */
package ml.pipeline.core.storage;
