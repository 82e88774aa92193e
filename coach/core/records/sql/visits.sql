-- One row per counted session in which a playbook was started: a visit.
-- first_cause: the first cause seen in a step, reaction or outcome; second: the next one;
-- result: the last outcome that is one of $outcomes, else 'unfinished';
-- technique: that outcome's deciding technique, else the technique of the last reaction for its
-- cause before it, else ''.
-- Computed from today's step/reaction/outcome rows; a compacted day already holds this very
-- result as one `visit` row per session (compact_day.sql ran this query over the day).
-- Sessions are keyed by a hash of their file (one file, one session).
CREATE OR REPLACE TEMP TABLE visits AS
WITH ev AS (
    SELECT hash(source) AS sid, source, session, day, mode, staff, seq, kind, cause, outcome,
           technique, kind = 'outcome' AND list_contains($outcomes, outcome) AS final
    FROM counted
    WHERE kind IN ('step', 'reaction', 'outcome') AND cause <> ''
),
firsts AS (
    SELECT sid, arg_min(cause, seq) AS first_cause, any_value(source) AS source,
           any_value(session) AS session, any_value(day) AS day, any_value(mode) AS mode,
           any_value(staff) AS staff
    FROM ev GROUP BY sid
),
seconds AS (
    SELECT e.sid, arg_min(e.cause, e.seq) AS second
    FROM ev e JOIN firsts f ON e.sid = f.sid AND e.cause <> f.first_cause
    GROUP BY e.sid
),
final AS (
    SELECT sid, arg_max(outcome, seq) AS result, arg_max(cause, seq) AS cause,
           max(seq) AS seq, arg_max(coalesce(technique, ''), seq) AS deciding
    FROM ev WHERE final GROUP BY sid
),
fallback AS (
    SELECT f.sid, arg_max(coalesce(r.technique, ''), r.seq) AS technique
    FROM (SELECT * FROM final WHERE deciding = '') f
    JOIN ev r ON r.sid = f.sid AND r.kind = 'reaction' AND r.cause = f.cause AND r.seq < f.seq
    GROUP BY f.sid
)
SELECT f.source, f.session, f.day, f.mode, f.staff, f.first_cause,
       coalesce(s.second, '') AS second,
       coalesce(o.result, 'unfinished') AS result,
       CASE WHEN o.result IS NULL THEN ''
            ELSE coalesce(nullif(o.deciding, ''), b.technique, '') END AS technique
FROM firsts f
LEFT JOIN seconds s ON s.sid = f.sid
LEFT JOIN final o ON o.sid = f.sid
LEFT JOIN fallback b ON b.sid = f.sid
UNION ALL
SELECT source, session, day, mode, staff, cause, coalesce(second, ''), outcome,
       coalesce(technique, '')
FROM counted WHERE kind = 'visit';
