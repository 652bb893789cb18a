/**
 * devmesh's delivery policy: how a Broker's and a Trigger's {@code spec.delivery} become the retry count, backoff,
 * timeout, dead-letter sink and format one trigger's deliveries use, what an attempt's result means, and what the
 * dead-letter event carries. Plain functions, one behaviour per {@link dev.cascade.devmesh.BrokerClass}; the rules and
 * their upstream sources are in {@code shared/knative-broker-semantics.md} §3.
 *
 * <ul>
 *   <li>{@link dev.cascade.devmesh.delivery.DeliveryPolicies}: broker default, merge, webhook validation.</li>
 *   <li>{@link dev.cascade.devmesh.delivery.Backoff}: the wait before each retry, with Retry-After.</li>
 *   <li>{@link dev.cascade.devmesh.delivery.RetryDecision}: success, retry or fail for a status.</li>
 *   <li>{@link dev.cascade.devmesh.delivery.DeadLetterExtensions}: the {@code knativeerror*} extensions.</li>
 * </ul>
 */
package dev.cascade.devmesh.delivery;
