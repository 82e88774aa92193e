-- The export as it is, every value as text, with its line in the file (line 1 is the header).
CREATE OR REPLACE TEMP TABLE raw_file AS
SELECT row_number() OVER () + 1 AS line, *
FROM read_csv($path, all_varchar = true, header = true, null_padding = true,
              strict_mode = false);
