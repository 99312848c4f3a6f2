/**
 * The stack's tokens: the signing key it creates under its data folder (the services verify with
 * its public half), tokens signed with it, and the CLI's stored token.
 */
package ml.pipeline.stack.auth;
