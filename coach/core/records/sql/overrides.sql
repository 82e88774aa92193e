-- Every override of the classifier in the counted sessions, oldest first.
SELECT session, t, coalesce(text, ''), coalesce(classifier, ''), coalesce(chosen, ''),
       coalesce(via, '')
FROM counted
WHERE kind = 'override'
ORDER BY t, source, seq;
