-- One closed day written once as Parquet ($out: the temporary file renamed into place after).
-- `events` holds the day's rows and `visits` the visit of each of its sessions (visits.sql, run
-- with no filter): steps, reactions and outcomes become one `visit` row per session;
-- classifications are kept only when they said 'other' (what --misses lists).
COPY (
    SELECT * FROM events
    WHERE kind NOT IN ('step', 'reaction', 'outcome')
      AND (kind <> 'classification' OR classifier = 'other')
    UNION ALL BY NAME
    SELECT session, source, day, mode, staff, 1000000000 AS seq, 'visit' AS kind,
           first_cause AS cause, result AS outcome, technique, second
    FROM visits
    ORDER BY source, seq
) TO $out (FORMAT parquet, COMPRESSION zstd);
