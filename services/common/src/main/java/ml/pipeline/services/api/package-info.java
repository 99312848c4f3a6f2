/**
 * What the services' REST APIs share: the body of every error answer, who the caller is (from the
 * bearer token), the answers to a missing token (401) or a missing role (403), and the wording
 * the OpenAPI documents share for them.
 */
package ml.pipeline.services.api;
