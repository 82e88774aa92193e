-- Outcome counts per cause, staff member and week, and in total (one pass, grouping sets), and
-- per deciding technique (finished visits only). A visit counts once in each; `sessions` counts
-- distinct session ids (by their 64-bit hash).
WITH v AS (
    SELECT first_cause, staff, coalesce(strftime(day, '%G-W%V'), '') AS week, result,
           technique, hash(session) AS sh
    FROM visits
)
SELECT CASE WHEN GROUPING(first_cause) = 0 THEN 'cause'
            WHEN GROUPING(staff) = 0 THEN 'staff'
            WHEN GROUPING(week) = 0 THEN 'week'
            ELSE 'total' END AS dim,
       coalesce(first_cause, staff, week, '*') AS key,
       count(*) FILTER (WHERE result = 'retained') AS retained,
       count(*) FILTER (WHERE result = 'trial') AS trial,
       count(*) FILTER (WHERE result = 'transfer_within_firm') AS transfer_within_firm,
       count(*) FILTER (WHERE result = 'lost') AS lost,
       count(*) FILTER (WHERE result = 'unfinished') AS unfinished,
       count(DISTINCT sh) AS sessions
FROM v
GROUP BY GROUPING SETS ((first_cause), (staff), (week), ())
UNION ALL
SELECT 'technique', technique,
       count(*) FILTER (WHERE result = 'retained'),
       count(*) FILTER (WHERE result = 'trial'),
       count(*) FILTER (WHERE result = 'transfer_within_firm'),
       count(*) FILTER (WHERE result = 'lost'),
       0,
       count(DISTINCT sh)
FROM v WHERE result <> 'unfinished'
GROUP BY technique;
