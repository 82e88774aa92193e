-- The second causes of the visits, per leading cause, staff member, week and in total.
WITH keyed AS (
    SELECT 'cause' AS dim, first_cause AS key, second FROM visits
    UNION ALL SELECT 'staff', staff, second FROM visits
    UNION ALL SELECT 'week', coalesce(week, ''), second FROM visits
    UNION ALL SELECT 'total', '*', second FROM visits
)
SELECT dim, key, second, count(*) AS n
FROM keyed WHERE second <> ''
GROUP BY dim, key, second;
