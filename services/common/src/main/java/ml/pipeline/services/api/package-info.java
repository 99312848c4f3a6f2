/**
 * What the services' REST APIs share: the body of every error answer.
 */
package ml.pipeline.services.api;
