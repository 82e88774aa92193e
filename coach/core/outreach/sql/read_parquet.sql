-- A Parquet export: "line" is the row number counted from 2, as if the header were line 1.
CREATE OR REPLACE TEMP TABLE raw_file AS
SELECT * EXCLUDE (file_row_number), file_row_number + 2 AS line
FROM read_parquet($path, file_row_number = true);
