"""Records: what happened, kept safely and read back.

    transcript  the crash-safe JSONL writer and a tolerant reader
    masking     phone, ID-card and account numbers masked before anything is written
    trials      one-week-trial follow-ups due
    report      outcomes by cause and technique
    replay      sample transcripts replayed as regression cases
"""
