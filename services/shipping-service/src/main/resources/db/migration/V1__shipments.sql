-- One shipment per order (order_id is unique): a second schedule for the order answers the recorded booking or
-- failure instead of booking again. A cancel that finds no shipment leaves one in status CANCELLED without a
-- carrier: the marker that fails a schedule arriving after its compensation.
create table shipment (
    shipment_id        text        primary key,
    order_id           text        not null unique,
    status             text        not null check (status in ('SCHEDULED', 'FAILED', 'CANCELLED')),
    carrier            text,
    tracking_number    text,
    estimated_delivery date,
    country            text,
    failure_reason     text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
