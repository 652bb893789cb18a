-- The W3C trace context of the batch that closed the window: the relay sends it as traceparent and as the
-- CloudEvents distributed-tracing extension, so the window's consumers continue the ingest's trace.
alter table outbox add column traceparent text;
