-- The second causes of the visits, per leading cause, staff member, week and in total.
SELECT CASE WHEN GROUPING(first_cause) = 0 THEN 'cause'
            WHEN GROUPING(staff) = 0 THEN 'staff'
            WHEN GROUPING(week) = 0 THEN 'week'
            ELSE 'total' END AS dim,
       coalesce(first_cause, staff, week, '*') AS key, second, count(*) AS n
FROM (SELECT first_cause, staff, coalesce(strftime(day, '%G-W%V'), '') AS week, second
      FROM visits WHERE second <> '')
GROUP BY GROUPING SETS ((first_cause, second), (staff, second), (week, second), (second));
