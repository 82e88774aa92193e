-- The report's filters, and the rows they keep. `events` is the rows table
-- (coach.core.records.events.COLUMNS): Parquet of closed days and today's files; every row carries
-- its session's day, mode and staff, and each session has exactly one 'start' row.
-- $since, $until: the start day's bounds (NULL: open); $staff: one staff id as written (NULL: all);
-- $modes: the modes counted (an empty list: every mode).
CREATE OR REPLACE TEMP TABLE filters AS
SELECT CAST($since AS DATE) AS since, CAST($until AS DATE) AS until,
       CAST($staff AS VARCHAR) AS staff, CAST($modes AS VARCHAR[]) AS modes;

-- Rows of the sessions within the dates and of the staff member asked for (every mode).
CREATE OR REPLACE TEMP VIEW picked AS
SELECT e.* FROM events e, filters f
WHERE kind <> 'skipped'
  AND (f.since IS NULL OR e.day >= f.since)
  AND (f.until IS NULL OR e.day <= f.until)
  AND (f.staff IS NULL OR e.staff = f.staff);

-- ... and of the modes counted.
CREATE OR REPLACE TEMP VIEW counted AS
SELECT p.* FROM picked p, filters f
WHERE len(f.modes) = 0 OR list_contains(f.modes, p.mode);
