-- Practice scores over time: per trainee and week, from each practice session's first scorecard
-- (sessions given up before the end have none). Date and staff filters apply; the mode filter
-- does not (these are always the practice sessions).
WITH cards AS (
    SELECT source, any_value(staff) AS staff, strftime(any_value(day), '%G-W%V') AS week,
           arg_min(score, seq) AS score, arg_min(passed, seq) AS passed
    FROM picked
    WHERE kind = 'scorecard' AND mode = 'practice'
    GROUP BY source
)
SELECT staff, coalesce(week, '') AS week, count(*) AS sessions,
       round(avg(score), 1) AS average, max(score) AS best, min(score) AS worst,
       count(*) FILTER (WHERE passed) AS passed
FROM cards WHERE score IS NOT NULL
GROUP BY staff, week
ORDER BY staff, week;
