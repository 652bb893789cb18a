-- The device registry: which devices exist, which sensors each has, and how each sensor is calibrated.
create table device (
    id            text primary key,
    registered_at timestamptz not null default now()
);

-- A calibrated value is raw * calibration_scale + calibration_offset, in the sensor type's canonical unit.
create table device_sensor (
    device_id          text             not null references device (id) on delete cascade,
    sensor_type        text             not null,
    calibration_offset double precision not null default 0,
    calibration_scale  double precision not null default 1,
    primary key (device_id, sensor_type)
);

-- Seed: dev-0001 ... dev-0050, each with temperature, humidity and pressure, uncalibrated (offset 0, scale 1).
insert into device (id)
select 'dev-' || lpad(n::text, 4, '0') from generate_series(1, 50) as n;
insert into device_sensor (device_id, sensor_type)
select d.id, s.sensor_type
from device d cross join (values ('temperature'), ('humidity'), ('pressure')) as s (sensor_type);

-- Every accepted reading, normalised and calibrated. The key makes a redelivered reading a no-op
-- (insert ... on conflict do nothing): windows are computed from these rows, never incremented.
create table reading (
    device_id   text             not null,
    sensor_type text             not null,
    measured_at timestamptz      not null,
    value       double precision not null,
    primary key (device_id, sensor_type, measured_at)
);

-- One-minute tumbling windows [window_start, window_end) per device and sensor, by event time.
create table sensor_window (
    device_id    text             not null,
    sensor_type  text             not null,
    window_start timestamptz      not null,
    window_end   timestamptz      not null,
    unit         text             not null,
    count        bigint           not null,
    min          double precision not null,
    max          double precision not null,
    mean         double precision not null,
    p95          double precision not null,
    updated_at   timestamptz      not null,
    -- Set once, in the transaction that writes the window's outbox row.
    closed_at    timestamptz,
    primary key (device_id, sensor_type, window_start)
);
create index sensor_window_open on sensor_window (window_end) where closed_at is null;

-- The newest event time accepted so far; the watermark is this less the allowed lateness.
create table stream_state (
    id             smallint primary key check (id = 1),
    max_event_time timestamptz
);
insert into stream_state (id, max_event_time) values (1, null);

-- Closed windows waiting to be posted to the broker (transactional outbox).
create table outbox (
    event_id        uuid primary key,
    type            text        not null,
    source          text        not null,
    subject         text,
    data            text        not null,
    created_at      timestamptz not null,
    published_at    timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null
);
create index outbox_due on outbox (next_attempt_at) where published_at is null;
