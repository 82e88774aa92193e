-- Statements the counter got wrong, for trainers to label: every override (the staff member's
-- cause is the label) and every statement classified 'other' that was not overridden (the staff
-- member's cause when they took one). One row per distinct text and label, most frequent first.
WITH said AS (
    SELECT source, seq, t, text, classifier, chosen, kind
    FROM counted
    WHERE kind IN ('override', 'classification') AND coalesce(text, '') <> ''
      AND (kind = 'override' OR classifier = 'other')
),
overridden AS (SELECT DISTINCT source, text FROM said WHERE kind = 'override'),
kept AS (
    SELECT s.* FROM said s
    WHERE s.kind = 'override'
       OR NOT EXISTS (SELECT 1 FROM overridden o WHERE o.source = s.source AND o.text = s.text)
)
SELECT text, CASE WHEN chosen = 'other' THEN '' ELSE coalesce(chosen, '') END AS label,
       string_agg(DISTINCT classifier, ',' ORDER BY classifier) AS classifier,
       min(CASE WHEN kind = 'override' THEN 'override' ELSE 'other' END) AS why,
       count(*) AS times, min(t) AS first_seen
FROM kept
GROUP BY text, label
ORDER BY times DESC, first_seen, text;
