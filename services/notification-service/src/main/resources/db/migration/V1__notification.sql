-- One row per simulated email. A notification answers exactly one CloudEvent: processed_event already keeps
-- a redelivery from getting here, and the unique (event_source, event_id) turns any slip into an error
-- instead of a second email.
create table notification (
    notification_id text        primary key,
    order_id        text        not null,
    customer_id     text,
    kind            text        not null,
    channel         text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    event_source    text        not null,
    event_id        text        not null,
    event_type      text        not null,
    created_at      timestamptz not null,
    unique (event_source, event_id)
);

create index notification_by_order on notification (order_id, created_at);
