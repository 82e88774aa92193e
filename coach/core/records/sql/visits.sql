-- One row per counted session in which a playbook was started: a visit.
-- first_cause: the first cause seen in a step, reaction or outcome; second: the next one;
-- result: the last outcome that is one of $outcomes, else 'unfinished';
-- technique: that outcome's deciding technique, else the technique of the last reaction for its
-- cause before it, else ''.
CREATE OR REPLACE TEMP TABLE visits AS
WITH ev AS (
    SELECT e.source, e.seq, e.kind, e.cause, e.outcome, e.technique
    FROM events e SEMI JOIN counted c ON e.source = c.source
    WHERE e.kind IN ('step', 'reaction', 'outcome') AND e.cause <> ''
),
causes AS (
    SELECT source, cause, row_number() OVER (PARTITION BY source ORDER BY min(seq)) AS n
    FROM ev GROUP BY source, cause
),
outcomes AS (
    SELECT source, seq, outcome, technique, cause FROM ev
    WHERE kind = 'outcome' AND list_contains($outcomes, outcome)
),
final AS (
    SELECT o.source,
           arg_max(o.outcome, o.seq) AS result,
           arg_max(o.cause, o.seq) AS cause,
           arg_max(o.seq, o.seq) AS seq,
           arg_max(coalesce(o.technique, ''), o.seq) AS deciding
    FROM outcomes o GROUP BY o.source
),
fallback AS (
    SELECT f.source, arg_max(coalesce(r.technique, ''), r.seq) AS technique
    FROM final f JOIN ev r
      ON r.source = f.source AND r.kind = 'reaction' AND r.cause = f.cause AND r.seq < f.seq
    WHERE f.deciding = ''
    GROUP BY f.source
)
SELECT c.source, c.session, c.day, c.staff,
       strftime(c.day, '%G-W%V') AS week,
       l.cause AS first_cause,
       coalesce(s.cause, '') AS second,
       coalesce(f.result, 'unfinished') AS result,
       CASE WHEN f.result IS NULL THEN ''
            ELSE coalesce(nullif(f.deciding, ''), b.technique, '') END AS technique
FROM counted c
JOIN causes l ON l.source = c.source AND l.n = 1
LEFT JOIN causes s ON s.source = c.source AND s.n = 2
LEFT JOIN final f ON f.source = c.source
LEFT JOIN fallback b ON b.source = c.source;
