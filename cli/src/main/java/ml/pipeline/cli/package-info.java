/**
 * The Java side of {@code ./pipeline}: picocli commands over the stack launcher and the services'
 * REST APIs. A user error is a {@link ml.pipeline.cli.CliException}, printed as one line.
 */
package ml.pipeline.cli;
