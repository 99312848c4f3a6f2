/**
 * The registry's beans: timelines, registration and promotion (announced after commit), and the
 * queries behind the API.
 */
package ml.pipeline.registry.service;
