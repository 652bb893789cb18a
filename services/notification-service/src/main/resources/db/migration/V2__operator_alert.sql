-- Operator alerts (kind DEAD_LETTER) are about a dead letter, not an order: order_id becomes optional, and the
-- alert keeps what dead-letter-service announced about the dead event. The check keeps every customer
-- notification tied to its order and every alert to its dead letter.
alter table notification alter column order_id drop not null;

alter table notification
    add column dead_letter_id    text,
    add column dead_event_id     text,
    add column dead_event_source text,
    add column dead_event_type   text,
    add column error_code        integer,
    add column error_dest        text;

alter table notification add constraint notification_about_an_order_or_a_dead_letter check (
    case when kind = 'DEAD_LETTER'
         then order_id is null and dead_letter_id is not null and dead_event_id is not null
              and dead_event_source is not null and dead_event_type is not null
         else order_id is not null and dead_letter_id is null
    end);

-- GET /notifications?kind=…: newest first.
create index notification_by_kind on notification (kind, created_at desc);
