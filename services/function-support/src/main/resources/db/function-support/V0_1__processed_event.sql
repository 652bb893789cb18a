-- Every CloudEvent a function handled, by (source, id), with the reply it answered. Written in the same
-- transaction as the function's effect, so a redelivery finds the row and gets the same reply back
-- without repeating the effect. Migrated into each service's own schema (Flyway's default schema).
create table processed_event (
    source       text        not null,
    event_id     text        not null,
    event_type   text        not null,
    reply_id     text,
    reply_type   text,
    reply_data   text,
    processed_at timestamptz not null,
    primary key (source, event_id)
);
