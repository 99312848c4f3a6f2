/**
 * What the services' REST APIs share: the body of every error answer, who the caller is (from the
 * bearer token), and the answers to a missing token (401) or a missing role (403).
 */
package ml.pipeline.services.api;
