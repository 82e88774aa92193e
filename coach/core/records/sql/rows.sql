-- Outcome counts per cause, staff member and week, and in total (one pass, grouping sets), and
-- per deciding technique (finished visits only). A visit counts once in each; `sessions` counts
-- distinct session ids (by their 64-bit hash). Ids are unique but for files copied twice, so the
-- distinct count runs over the repeated ones only and is taken off the plain count.
WITH v AS (
    SELECT coalesce(first_cause, '') AS first_cause, coalesce(staff, '') AS staff,
           coalesce(strftime(day, '%G-W%V'), '') AS week, result, technique,
           hash(session) AS sh
    FROM visits
),
dups AS (SELECT sh FROM v GROUP BY sh HAVING count(*) > 1),
keyed AS (
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
           count(*) AS n
    FROM v
    GROUP BY GROUPING SETS ((first_cause), (staff), (week), ())
    UNION ALL
    SELECT 'technique', technique,
           count(*) FILTER (WHERE result = 'retained'),
           count(*) FILTER (WHERE result = 'trial'),
           count(*) FILTER (WHERE result = 'transfer_within_firm'),
           count(*) FILTER (WHERE result = 'lost'),
           0,
           count(*)
    FROM v WHERE result <> 'unfinished'
    GROUP BY technique
),
repeated AS (SELECT v.* FROM v SEMI JOIN dups d ON v.sh = d.sh),
extra AS (
    SELECT CASE WHEN GROUPING(first_cause) = 0 THEN 'cause'
                WHEN GROUPING(staff) = 0 THEN 'staff'
                WHEN GROUPING(week) = 0 THEN 'week'
                ELSE 'total' END AS dim,
           coalesce(first_cause, staff, week, '*') AS key,
           count(*) - count(DISTINCT sh) AS extra
    FROM repeated
    GROUP BY GROUPING SETS ((first_cause), (staff), (week), ())
    UNION ALL
    SELECT 'technique', technique, count(*) - count(DISTINCT sh)
    FROM repeated WHERE result <> 'unfinished'
    GROUP BY technique
)
SELECT k.dim, k.key, k.retained, k.trial, k.transfer_within_firm, k.lost, k.unfinished,
       k.n - coalesce(e.extra, 0) AS sessions
FROM keyed k LEFT JOIN extra e ON k.dim = e.dim AND k.key = e.key;
