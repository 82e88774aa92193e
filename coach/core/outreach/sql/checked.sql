-- Typed rows, each with the reasons it cannot be used (empty when it can).
-- Required: client, month, assets, transfer_out, commission, trades, position_days, pnl.
-- Optional (0 / false / unknown when empty): complaints, fee_requests, contacts, large_client,
-- turnover, products, last_trade.
CREATE OR REPLACE TEMP VIEW checked AS
WITH typed AS (
    SELECT
        line,
        nullif(trim(CAST(client AS VARCHAR)), '') AS client,
        nullif(trim(CAST(month AS VARCHAR)), '') AS month_text,
        coalesce(
            try_cast(trim(CAST(month AS VARCHAR)) || '-01' AS DATE),  -- 2026-11, the usual form
            CAST(try_strptime(trim(CAST(month AS VARCHAR)),
                              ['%Y-%m-%d', '%Y/%m', '%Y/%m/%d', '%Y%m']) AS DATE)
        ) AS month_date,
        nullif(trim(CAST(assets AS VARCHAR)), '') AS assets_text,
        try_cast(replace(trim(CAST(assets AS VARCHAR)), ',', '') AS DOUBLE) AS assets,
        nullif(trim(CAST(transfer_out AS VARCHAR)), '') AS transfer_out_text,
        try_cast(replace(trim(CAST(transfer_out AS VARCHAR)), ',', '') AS DOUBLE) AS transfer_out,
        nullif(trim(CAST(commission AS VARCHAR)), '') AS commission_text,
        try_cast(replace(trim(CAST(commission AS VARCHAR)), ',', '') AS DOUBLE) AS commission,
        nullif(trim(CAST(trades AS VARCHAR)), '') AS trades_text,
        try_cast(trim(CAST(trades AS VARCHAR)) AS BIGINT) AS trades,
        nullif(trim(CAST(position_days AS VARCHAR)), '') AS position_days_text,
        try_cast(trim(CAST(position_days AS VARCHAR)) AS BIGINT) AS position_days,
        nullif(trim(CAST(pnl AS VARCHAR)), '') AS pnl_text,
        try_cast(replace(trim(CAST(pnl AS VARCHAR)), ',', '') AS DOUBLE) AS pnl,
        nullif(trim(CAST(complaints AS VARCHAR)), '') AS complaints_text,
        try_cast(trim(CAST(complaints AS VARCHAR)) AS BIGINT) AS complaints,
        nullif(trim(CAST(fee_requests AS VARCHAR)), '') AS fee_requests_text,
        try_cast(trim(CAST(fee_requests AS VARCHAR)) AS BIGINT) AS fee_requests,
        nullif(trim(CAST(contacts AS VARCHAR)), '') AS contacts_text,
        try_cast(trim(CAST(contacts AS VARCHAR)) AS BIGINT) AS contacts,
        lower(nullif(trim(CAST(large_client AS VARCHAR)), '')) AS large_text,
        nullif(trim(CAST(turnover AS VARCHAR)), '') AS turnover_text,
        try_cast(replace(trim(CAST(turnover AS VARCHAR)), ',', '') AS DOUBLE) AS turnover,
        nullif(trim(CAST(products AS VARCHAR)), '') AS products_text,
        try_cast(trim(CAST(products AS VARCHAR)) AS BIGINT) AS products,
        nullif(trim(CAST(last_trade AS VARCHAR)), '') AS last_trade_text,
        coalesce(
            try_cast(trim(CAST(last_trade AS VARCHAR)) AS DATE),  -- 2026-05-18, the usual form
            CAST(try_strptime(trim(CAST(last_trade AS VARCHAR)),
                              ['%Y/%m/%d', '%Y%m%d', '%Y-%m']) AS DATE)
        ) AS last_trade
    FROM raw_file
),
reasons AS (
    SELECT *,
        concat_ws('; ',
            CASE WHEN client IS NULL THEN 'client: missing' END,
            CASE WHEN month_text IS NULL THEN 'month: missing'
                 WHEN month_date IS NULL THEN 'month: not a date: ' || month_text END,
            CASE WHEN assets_text IS NULL THEN 'assets: missing'
                 WHEN assets IS NULL OR NOT isfinite(assets) THEN 'assets: not a number: ' || assets_text
                 WHEN assets < 0 THEN 'assets: negative' END,
            CASE WHEN transfer_out_text IS NULL THEN 'transfer_out: missing'
                 WHEN transfer_out IS NULL OR NOT isfinite(transfer_out) THEN 'transfer_out: not a number: ' || transfer_out_text
                 WHEN transfer_out < 0 THEN 'transfer_out: negative' END,
            CASE WHEN commission_text IS NULL THEN 'commission: missing'
                 WHEN commission IS NULL OR NOT isfinite(commission) THEN 'commission: not a number: ' || commission_text
                 WHEN commission < 0 THEN 'commission: negative' END,
            CASE WHEN trades_text IS NULL THEN 'trades: missing'
                 WHEN trades IS NULL THEN 'trades: not a whole number: ' || trades_text
                 WHEN trades < 0 THEN 'trades: negative' END,
            CASE WHEN position_days_text IS NULL THEN 'position_days: missing'
                 WHEN position_days IS NULL THEN 'position_days: not a whole number: ' || position_days_text
                 WHEN position_days < 0 OR position_days > 31 THEN 'position_days: not between 0 and 31' END,
            CASE WHEN pnl_text IS NULL THEN 'pnl: missing'
                 WHEN pnl IS NULL OR NOT isfinite(pnl) THEN 'pnl: not a number: ' || pnl_text END,
            CASE WHEN complaints_text IS NOT NULL AND (complaints IS NULL OR complaints < 0)
                 THEN 'complaints: not a count: ' || complaints_text END,
            CASE WHEN fee_requests_text IS NOT NULL AND (fee_requests IS NULL OR fee_requests < 0)
                 THEN 'fee_requests: not a count: ' || fee_requests_text END,
            CASE WHEN contacts_text IS NOT NULL AND (contacts IS NULL OR contacts < 0)
                 THEN 'contacts: not a count: ' || contacts_text END,
            CASE WHEN turnover_text IS NOT NULL AND (turnover IS NULL OR NOT isfinite(turnover)
                                                     OR turnover < 0)
                 THEN 'turnover: not an amount: ' || turnover_text END,
            CASE WHEN products_text IS NOT NULL AND (products IS NULL OR products < 0)
                 THEN 'products: not a count: ' || products_text END,
            CASE WHEN large_text IS NOT NULL AND large_text NOT IN
                      ('1', '0', 'true', 'false', 'yes', 'no', 'y', 'n', '是', '否')
                 THEN 'large_client: not yes or no: ' || large_text END,
            CASE WHEN last_trade_text IS NOT NULL AND last_trade IS NULL
                 THEN 'last_trade: not a date: ' || last_trade_text
                 WHEN last_trade > month_date + INTERVAL 1 MONTH
                 THEN 'last_trade: after the end of the month' END
        ) AS reason
    FROM typed
)
SELECT
    line, client, month_text, reason,
    date_trunc('month', month_date) AS month,
    year(month_date) * 12 + month(month_date) - 1 AS mi,
    assets, transfer_out, commission, trades, position_days, pnl,
    coalesce(complaints, 0) AS complaints,
    coalesce(fee_requests, 0) AS fee_requests,
    coalesce(contacts, 0) AS contacts,
    coalesce(large_text IN ('1', 'true', 'yes', 'y', '是'), false) AS large_client,
    turnover, products,
    last_trade
FROM reasons;

-- A second row for the same client and month is refused, naming the first.
CREATE OR REPLACE TEMP TABLE checked_rows AS
SELECT * REPLACE (
    CASE WHEN reason = '' AND first_line <> line
         THEN 'duplicate: client ' || client || ' already has ' || month_text || ' on line ' || first_line
         ELSE reason END AS reason)
FROM (
    SELECT *, min(line) FILTER (WHERE reason = '') OVER (PARTITION BY client, mi) AS first_line
    FROM checked
);
