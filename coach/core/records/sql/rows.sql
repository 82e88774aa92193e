-- Outcome counts per cause, deciding technique, staff member and week, and in total.
-- A visit counts once, in each dimension; unfinished visits are counted apart and have no
-- technique. `sessions` counts distinct session ids.
WITH keyed AS (
    SELECT 'cause' AS dim, first_cause AS key, * FROM visits
    UNION ALL SELECT 'technique', technique, * FROM visits WHERE result <> 'unfinished'
    UNION ALL SELECT 'staff', staff, * FROM visits
    UNION ALL SELECT 'week', coalesce(week, ''), * FROM visits
    UNION ALL SELECT 'total', '*', * FROM visits
)
SELECT dim, key,
    count(*) FILTER (WHERE result = 'retained') AS retained,
    count(*) FILTER (WHERE result = 'trial') AS trial,
    count(*) FILTER (WHERE result = 'transfer_within_firm') AS transfer_within_firm,
    count(*) FILTER (WHERE result = 'lost') AS lost,
    count(*) FILTER (WHERE result = 'unfinished') AS unfinished,
    count(DISTINCT session) AS sessions
FROM keyed
GROUP BY dim, key;
