-- Every window the detector has judged, one row per device, sensor and window start: the rolling baseline is read
-- from here (the latest normal windows' means), and a window already here is a redelivery that changes nothing.
create table window_observation (
    observation_id text             primary key,
    device_id      text             not null,
    sensor_type    text             not null,
    window_start   timestamptz      not null,
    mean           double precision not null,
    -- Anomalous windows stay out of the baseline, so a fault does not widen what counts as normal.
    anomalous      boolean          not null,
    observed_at    timestamptz      not null,
    unique (device_id, sensor_type, window_start)
);

-- The baseline query: the latest normal windows of one device+sensor before a window start.
create index window_observation_baseline on window_observation (device_id, sensor_type, window_start desc)
    where not anomalous;

-- One row per anomalous window, exactly what the anomaly.detected event carried.
create table anomaly (
    anomaly_id    text             primary key,
    device_id     text             not null,
    sensor_type   text             not null,
    unit          text             not null,
    window_start  timestamptz      not null,
    window_end    timestamptz      not null,
    rule          text             not null check (rule in ('OUT_OF_LIMITS', 'BASELINE_DEVIATION')),
    observed      double precision not null,
    lower_limit   double precision,
    upper_limit   double precision,
    baseline_mean double precision,
    z_score       double precision,
    severity      text             not null check (severity in ('WARNING', 'CRITICAL')),
    detected_at   timestamptz      not null,
    unique (device_id, sensor_type, window_start)
);

create index anomaly_by_device on anomaly (device_id, window_start);
