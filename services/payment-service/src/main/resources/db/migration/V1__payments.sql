-- One payment per order (order_id is unique): a second authorize for the order answers the recorded outcome
-- instead of charging again. A refund that finds no payment leaves one in status REFUNDED with amount 0.00: the
-- marker that declines an authorize arriving after its compensation.
-- numeric(14,2) holds every amount the contract's money type allows (up to 12 integer digits), so even an
-- amount the gateway declines can be recorded.
create table payment (
    payment_id     text          primary key,
    order_id       text          not null unique,
    customer_id    text,
    method         text,
    amount         numeric(14,2) not null check (amount >= 0),
    status         text          not null check (status in ('AUTHORIZED', 'DECLINED', 'REFUNDED')),
    decline_reason text,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null
);
