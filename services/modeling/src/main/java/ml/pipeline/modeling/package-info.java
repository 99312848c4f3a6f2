/**
 * The networks and DJL on the PyTorch engine, shared by trainer and evaluator: blocks from a model
 * spec, trained models loaded from their parameters, the device, DJL's offline settings.
 */
package ml.pipeline.modeling;
