/**
 * The offline check of k8s/: renders every overlay with kubectl kustomize and checks what came out
 * (core kinds against their JSON schemas, custom resources for their required fields, the services'
 * keys, ports and topics against the code and the stack's defaults). Nothing is applied: no cluster.
 */
package ml.pipeline.k8s;
