-- The sessions a report counts. `events` is the rows table (coach.core.records.events.COLUMNS):
-- Parquet of closed days and today's files. One file is one session.
-- $since, $until: the start day's bounds (NULL: open); $staff: one staff id as written (NULL: all);
-- $modes: the modes counted (an empty list: every mode).
CREATE OR REPLACE TEMP TABLE picked AS
SELECT source, any_value(session) AS session, any_value(day) AS day,
       any_value(mode) AS mode, any_value(staff) AS staff
FROM events
WHERE kind <> 'skipped'
GROUP BY source
HAVING ($since IS NULL OR any_value(day) >= $since)
   AND ($until IS NULL OR any_value(day) <= $until)
   AND ($staff IS NULL OR any_value(staff) = $staff);

CREATE OR REPLACE TEMP TABLE counted AS
SELECT * FROM picked WHERE len($modes) = 0 OR list_contains($modes, mode);
