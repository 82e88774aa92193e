-- Files that could not be read, with their reason (kept in Parquet so it is said every time).
SELECT source, text, note FROM events WHERE kind = 'skipped' ORDER BY source;
