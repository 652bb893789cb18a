-- The event store: every change of every order, in the order it happened. The unique (aggregate_id, version)
-- is the optimistic lock: of two writers that loaded the same version, the second insert fails and its command
-- is retried on the reloaded order. payload is JSON text; event_type is the store's own name (not a CloudEvents
-- type), see OrderEvent.
create table order_event (
    global_seq   bigserial   primary key,
    aggregate_id text        not null,
    version      int         not null,
    event_type   text        not null,
    payload      text        not null,
    occurred_at  timestamptz not null,
    unique (aggregate_id, version)
);

-- The order summary view (GET /orders/{id}) and, through its index on customer_id, the customer history view
-- (GET /orders?customerId=). A projection: written only by the projector, rebuilt from order_event on demand.
create table order_summary (
    order_id            text          primary key,
    customer_id         text          not null,
    status              text          not null,
    cancellation_reason text,
    cancellation_detail text,
    total               numeric(14,2) not null,
    items               text          not null,
    timeline            text          not null,
    payment_id          text,
    shipment_id         text,
    tracking_number     text,
    placed_at           timestamptz   not null,
    last_global_seq     bigint        not null
);
create index order_summary_by_customer on order_summary (customer_id, placed_at desc, order_id desc);

-- One row per order's saga: where it stands, what the participants answered, when the current step times out.
create table saga_instance (
    order_id      text        primary key,
    step          int         not null,
    phase         text        not null,
    ids           text        not null,
    reason        text,
    detail        text,
    deadline      timestamptz,
    attempts      int         not null,
    version       int         not null,
    updated_at    timestamptz not null
);
create index saga_instance_due on saga_instance (deadline) where phase <> 'DONE';

-- The transactional outbox: every event order-service emits, written in the transaction that decided it and
-- posted to the broker by the relay afterwards.
create table outbox (
    event_id        text        primary key,
    type            text        not null,
    source          text        not null,
    subject         text,
    traceparent     text,
    data            text        not null,
    created_at      timestamptz not null,
    published_at    timestamptz,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null
);
create index outbox_unpublished on outbox (next_attempt_at) where published_at is null;
