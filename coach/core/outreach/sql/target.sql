-- The month looked at ($month, else the latest in the data) and how many clients have it.
WITH good AS (SELECT client, mi, month FROM checked_rows WHERE reason = ''),
target AS (SELECT coalesce($month, max(mi)) AS mi FROM good)
SELECT strftime(make_date(CAST((SELECT mi FROM target) // 12 AS BIGINT),
                          CAST((SELECT mi FROM target) % 12 + 1 AS BIGINT), 1), '%Y-%m') AS month,
       count(*) FILTER (WHERE mi = (SELECT mi FROM target)) AS clients
FROM good;
