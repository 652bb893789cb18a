/** Checks of the deployment artefacts (k8s/, knative-triggers/, helm/cascade) that need no cluster. */
package dev.cascade.deploy;
