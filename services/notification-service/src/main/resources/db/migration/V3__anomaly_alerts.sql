-- Alerts about telemetry anomalies (kind ANOMALY_DETECTED) go to the operators and are about a device, not an order
-- nor a dead letter. Each anomaly is alerted once, whichever event (or redelivery under a new id) carried it: the
-- unique anomaly_id. The check of V2 widens to the third kind of notification.
alter table notification add column anomaly_id text unique;

alter table notification drop constraint notification_about_an_order_or_a_dead_letter;
alter table notification add constraint notification_about_an_order_a_dead_letter_or_an_anomaly check (
    case kind
        when 'DEAD_LETTER' then order_id is null and anomaly_id is null and dead_letter_id is not null
             and dead_event_id is not null and dead_event_source is not null and dead_event_type is not null
        when 'ANOMALY_DETECTED' then order_id is null and dead_letter_id is null and anomaly_id is not null
        else order_id is not null and dead_letter_id is null and anomaly_id is null
    end);
