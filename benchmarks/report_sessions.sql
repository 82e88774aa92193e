-- `make bench`: $sessions fictional sessions over the $days days before $today, as report rows
-- (coach.core.records.events.COLUMNS), the way `coach compact` stores closed days. About one in
-- ten is a practice session with a scorecard; a visit has one or two causes, two reactions, an
-- outcome (one in eight is left unfinished), now and then an override or an 'other' statement.
CREATE OR REPLACE TABLE bench_sessions AS
SELECT
    i,
    $today - 1 - CAST(i % $days AS INTEGER) AS day,
    printf('%08d', i) AS session,
    CASE WHEN hash(i, 1) % 10 = 0 THEN 'practice' ELSE 'counter' END AS mode,
    'S' || CAST(hash(i, 2) % 60 AS VARCHAR) AS staff,
    ['industry_employee', 'relocation', 'poor_service', 'heavy_loss', 'competitor_commission',
     'signup_gifts', 'poached', 'favor_for_friend', 'fee_cut_ultimatum', 'quick_profit']
        [1 + CAST(hash(i, 3) % 10 AS INTEGER)] AS cause,
    ['relocation', 'poor_service', 'competitor_commission'][1 + CAST(hash(i, 4) % 3 AS INTEGER)]
        AS second,
    hash(i, 5) % 4 = 0 AS two_causes,
    ['empathy', 'apology', 'commission_math', 'brand_strength', 'one_week_trial',
     'transfer_within_firm', 'service_products', 'dedicated_manager']
        [1 + CAST(hash(i, 6) % 8 AS INTEGER)] AS technique,
    CASE WHEN hash(i, 7) % 8 = 0 THEN NULL
         ELSE ['retained', 'retained', 'trial', 'transfer_within_firm', 'lost', 'lost']
              [1 + CAST(hash(i, 8) % 6 AS INTEGER)] END AS outcome,
    hash(i, 9) % 33 = 0 AS overridden,
    hash(i, 10) % 40 = 0 AS other,
    CAST(hash(i, 11) % 101 AS INTEGER) AS score
FROM range($sessions) t(i);

-- The rows as `coach compact` stores them: a start row, a classification when it said 'other',
-- overrides, practice scorecards, and one `visit` row per session with a playbook.
CREATE OR REPLACE TABLE bench_rows AS
WITH s AS (
    SELECT *, strftime(day, '%Y-%m-%d') || '/' || session || '.jsonl' AS source,
           strftime(day, '%Y-%m-%d') || 'T10:00:00.000+08:00' AS t
    FROM bench_sessions
)
SELECT session, source, day, mode, staff, 0 AS seq, t, 'start' AS kind, '' AS cause,
       NULL AS outcome, NULL AS technique, NULL AS text, NULL AS note, NULL AS classifier,
       NULL AS chosen, NULL AS via, NULL AS persona, NULL::INTEGER AS score,
       NULL::BOOLEAN AS passed, NULL AS second
FROM s
UNION ALL
SELECT session, source, day, mode, staff, 1, t, 'classification', '', NULL, NULL,
       '说法' || CAST(i % 997 AS VARCHAR), NULL, 'other', cause, NULL, NULL, NULL, NULL, NULL
FROM s WHERE mode = 'counter' AND other
UNION ALL
SELECT session, source, day, mode, staff, 2, t, 'override', '', NULL, NULL, '改选的说法', NULL,
       second, cause, 'pick', NULL, NULL, NULL, NULL
FROM s WHERE mode = 'counter' AND overridden
UNION ALL
SELECT session, source, day, mode, staff, 8, t, 'scorecard', '', NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, 'p', score, score >= 60, NULL
FROM s WHERE mode = 'practice'
UNION ALL
SELECT session, source, day, mode, staff, 1000000000, NULL, 'visit', cause,
       coalesce(outcome, 'unfinished'), CASE WHEN outcome IS NULL THEN '' ELSE technique END,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       CASE WHEN two_causes AND second <> cause THEN second ELSE '' END
FROM s;
