"""Records: what happened, kept safely and read back.

    transcript  the crash-safe JSONL writer and a tolerant reader
    masking     phone, ID-card and account numbers masked before anything is written
    trials      one-week-trial follow-ups due
    report      outcomes by cause and technique (the reference, in Python)
    events      transcripts as flat rows, the table the report SQL (sql/*.sql) reads
    compact     closed days compacted into Parquet, crash-safe
    report_sql  `coach report` run by DuckDB: by cause, technique, staff, week; practice; misses
    report_html the report as one self-contained page of charts (altair)
    replay      sample transcripts replayed as regression cases
"""
