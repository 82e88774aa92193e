-- Practice scores over time: per trainee and week, from each practice session's first scorecard
-- (sessions given up before the end have none). Date and staff filters apply; the mode filter
-- does not (these are always the practice sessions).
WITH cards AS (
    SELECT p.source, p.staff, strftime(p.day, '%G-W%V') AS week,
           arg_min(e.score, e.seq) AS score, arg_min(e.passed, e.seq) AS passed
    FROM events e JOIN picked p ON e.source = p.source
    WHERE e.kind = 'scorecard' AND p.mode = 'practice'
    GROUP BY p.source, p.staff, p.day
)
SELECT staff, coalesce(week, '') AS week, count(*) AS sessions,
       round(avg(score), 1) AS average, max(score) AS best, min(score) AS worst,
       count(*) FILTER (WHERE passed) AS passed
FROM cards WHERE score IS NOT NULL
GROUP BY staff, week
ORDER BY staff, week;
