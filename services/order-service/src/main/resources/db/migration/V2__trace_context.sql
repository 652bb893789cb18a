-- The whole W3C trace context travels with what order-service publishes later: the outbox keeps the tracestate
-- next to the traceparent, and each saga keeps the trace of the work that last moved it, so that a timeout handled
-- by the sweep (no event to take a trace from) continues the order's trace instead of starting a new one.
alter table outbox add column tracestate text;
alter table saga_instance add column traceparent text;
alter table saga_instance add column tracestate text;
