-- One closed day's report rows, written once as Parquet ($rows: the rows as newline-delimited
-- JSON with every column; $out: the temporary file renamed into place afterwards).
COPY (
    SELECT * FROM read_json($rows, format = 'newline_delimited', columns = $columns)
    ORDER BY source, seq
) TO $out (FORMAT parquet, COMPRESSION zstd);
