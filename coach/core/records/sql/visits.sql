-- One row per counted session in which a playbook was started: a visit.
-- first_cause: the first cause seen in a step, reaction or outcome; second: the next one;
-- result: the last outcome that is one of $outcomes, else 'unfinished';
-- technique: that outcome's deciding technique, else the technique of the last reaction for its
-- cause before it, else ''. Sessions are keyed by a hash of their file (one file, one session);
-- one pass groups each session's rows, the fallback looks only at outcomes without a technique.
CREATE OR REPLACE TEMP TABLE visits AS
WITH ev AS (
    SELECT hash(source) AS sid, session, day, staff, seq, kind, cause, outcome, technique,
           kind = 'outcome' AND list_contains($outcomes, outcome) AS final
    FROM counted
    WHERE kind IN ('step', 'reaction', 'outcome') AND cause <> ''
),
grouped AS (
    SELECT sid, any_value(session) AS session, any_value(day) AS day,
           any_value(staff) AS staff,
           list(cause ORDER BY seq) AS causes,
           arg_max(outcome, seq) FILTER (WHERE final) AS result,
           arg_max(cause, seq) FILTER (WHERE final) AS final_cause,
           max(seq) FILTER (WHERE final) AS final_seq,
           arg_max(coalesce(technique, ''), seq) FILTER (WHERE final) AS deciding
    FROM ev GROUP BY sid
),
fallback AS (
    SELECT g.sid, arg_max(coalesce(r.technique, ''), r.seq) AS technique
    FROM (SELECT * FROM grouped WHERE result IS NOT NULL AND deciding = '') g
    JOIN ev r ON r.sid = g.sid AND r.kind = 'reaction' AND r.cause = g.final_cause
             AND r.seq < g.final_seq
    GROUP BY g.sid
)
SELECT g.sid, g.session, g.day, g.staff,
       strftime(g.day, '%G-W%V') AS week,
       g.causes[1] AS first_cause,
       coalesce(list_filter(g.causes, lambda c: c <> g.causes[1])[1], '') AS second,
       coalesce(g.result, 'unfinished') AS result,
       CASE WHEN g.result IS NULL THEN ''
            ELSE coalesce(nullif(g.deciding, ''), b.technique, '') END AS technique
FROM grouped g
LEFT JOIN fallback b ON b.sid = g.sid;
