-- Every override of the classifier in the counted sessions, oldest first.
SELECT c.session, e.t, coalesce(e.text, ''), coalesce(e.classifier, ''), coalesce(e.chosen, ''),
       coalesce(e.via, '')
FROM events e JOIN counted c ON e.source = c.source
WHERE e.kind = 'override'
ORDER BY e.t, e.source, e.seq;
