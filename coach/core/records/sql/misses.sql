-- Statements the counter got wrong, for trainers to label: every override (the staff member's
-- cause is the label) and every statement classified 'other' that was not overridden (the staff
-- member's cause when they took one). One row per distinct text and label, most frequent first.
WITH said AS (
    SELECT c.source, e.seq, e.t, e.text, e.classifier, e.chosen, 'override' AS why
    FROM events e JOIN counted c ON e.source = c.source
    WHERE e.kind = 'override' AND coalesce(e.text, '') <> ''
    UNION ALL
    SELECT c.source, e.seq, e.t, e.text, e.classifier, coalesce(e.chosen, ''), 'other'
    FROM events e JOIN counted c ON e.source = c.source
    WHERE e.kind = 'classification' AND e.classifier = 'other' AND coalesce(e.text, '') <> ''
      AND NOT EXISTS (
          SELECT 1 FROM events o
          WHERE o.source = e.source AND o.kind = 'override' AND o.text = e.text)
)
SELECT text, CASE WHEN chosen = 'other' THEN '' ELSE chosen END AS label,
       string_agg(DISTINCT classifier, ',' ORDER BY classifier) AS classifier,
       min(why) AS why, count(*) AS times, min(t) AS first_seen
FROM said
GROUP BY text, label
ORDER BY times DESC, first_seen, text;
