-- Every event Knative could not deliver. The same event dead-lettered by the same Trigger twice (the broker
-- retries a sink that answered 5xx or did not answer) is one row; dead-lettered by two Triggers it is two, told
-- apart by knativeerrordest. PostgreSQL 14 has no NULLS NOT DISTINCT, hence the coalesce: an event without
-- knativeerrordest (Knative sets none when its own filter failed) is stored once as well.
create table dead_letter (
    id                text        primary key,
    event_id          text        not null,
    source            text        not null,
    type              text        not null,
    error_dest        text,
    error_code        text,
    error_data        text,
    attributes        jsonb       not null,
    extensions        jsonb       not null,
    data              bytea,
    data_content_type text,
    received_at       timestamptz not null,
    redriven_at       timestamptz,
    redrive_count     integer     not null default 0
);

create unique index dead_letter_once on dead_letter (source, event_id, coalesce(error_dest, ''));
create index dead_letter_newest on dead_letter (received_at desc);
create index dead_letter_by_type on dead_letter (type, received_at desc);
