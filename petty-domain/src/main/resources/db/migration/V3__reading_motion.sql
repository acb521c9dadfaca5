-- Optional IMU window of a reading: sample rate, and the samples packed as little-endian float32 triples
-- (accelerometer x, y, z in g; then, when sent, gyroscope x, y, z in degrees/s) — about a quarter of the size
-- of the same numbers as JSON or numeric[]. latest_reading keeps the same columns in the same order as reading.
ALTER TABLE reading
    ADD COLUMN motion_hz      smallint,
    ADD COLUMN motion_samples integer,
    ADD COLUMN motion_accel   bytea,
    ADD COLUMN motion_gyro    bytea;
ALTER TABLE latest_reading
    ADD COLUMN motion_hz      smallint,
    ADD COLUMN motion_samples integer,
    ADD COLUMN motion_accel   bytea,
    ADD COLUMN motion_gyro    bytea;
