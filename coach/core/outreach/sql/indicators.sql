-- Every indicator's figures for each client flagged in the month looked at ($month: a month
-- index, year * 12 + month - 1; NULL means the latest month in the data). Windows run over month
-- indexes, so a month missing from the export counts as no data, never as a neighbour.
WITH good AS (
    SELECT * FROM checked_rows WHERE reason = ''
),
target AS (
    SELECT coalesce($month, max(mi)) AS mi FROM good
),
w AS (
    SELECT
        client, mi, month, assets, transfer_out, commission, trades, position_days, pnl,
        complaints, fee_requests, contacts, large_client, last_trade,
        count(*) FILTER (WHERE transfer_out > 0) OVER last_transfer AS out_times,
        coalesce(sum(transfer_out) OVER last_transfer, 0) AS out_total,
        avg(commission) OVER before_commission AS commission_avg,
        avg(commission) OVER before_commission_large AS commission_avg_large,
        max(position_days) OVER last_empty AS empty_max_days,
        count(*) OVER last_empty AS empty_months_seen,
        avg(trades) OVER before_trades AS trades_avg,
        lag(assets) OVER (PARTITION BY client ORDER BY mi) AS prev_assets,
        lag(mi) OVER (PARTITION BY client ORDER BY mi) AS prev_mi,
        sum(complaints) OVER last_complaint AS recent_complaints,
        sum(fee_requests) OVER last_fee AS recent_fee_requests,
        avg(contacts) OVER before_contacts AS contacts_avg,
        max(mi) FILTER (WHERE trades > 0) OVER history AS last_traded_mi,
        max(assets) OVER last_year AS peak_assets,
        sum(pnl) OVER last_year AS year_pnl
    FROM good
    WHERE mi <= (SELECT mi FROM target)
    WINDOW
        last_transfer AS (PARTITION BY client ORDER BY mi
                          RANGE BETWEEN $transfer_months - 1 PRECEDING AND CURRENT ROW),
        before_commission AS (PARTITION BY client ORDER BY mi
                              RANGE BETWEEN $commission_months PRECEDING AND 1 PRECEDING),
        before_commission_large AS (PARTITION BY client ORDER BY mi
                                    RANGE BETWEEN $commission_large_months PRECEDING AND 1 PRECEDING),
        last_empty AS (PARTITION BY client ORDER BY mi
                       RANGE BETWEEN $empty_months - 1 PRECEDING AND CURRENT ROW),
        before_trades AS (PARTITION BY client ORDER BY mi
                          RANGE BETWEEN $trades_months PRECEDING AND 1 PRECEDING),
        last_complaint AS (PARTITION BY client ORDER BY mi
                           RANGE BETWEEN $complaint_months - 1 PRECEDING AND CURRENT ROW),
        last_fee AS (PARTITION BY client ORDER BY mi
                     RANGE BETWEEN $fee_months - 1 PRECEDING AND CURRENT ROW),
        before_contacts AS (PARTITION BY client ORDER BY mi
                            RANGE BETWEEN $contact_months PRECEDING AND 1 PRECEDING),
        history AS (PARTITION BY client ORDER BY mi
                    RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
        last_year AS (PARTITION BY client ORDER BY mi
                      RANGE BETWEEN 11 PRECEDING AND CURRENT ROW)
),
flags AS (
    SELECT *,
        contacts_avg > 0 AND contacts < contacts_avg AS contact_below,
        CASE WHEN large_client THEN commission_avg_large ELSE commission_avg END AS commission_base,
        CASE WHEN prev_mi = mi - 1 THEN prev_assets ELSE assets - pnl END AS start_assets
    FROM w
),
recent AS (
    SELECT *,
        bool_or(contact_below) OVER (PARTITION BY client ORDER BY mi
                                     RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS contact_drop
    FROM flags
),
result AS (
SELECT
    client, mi, strftime(month, '%Y-%m') AS month, assets, large_client,
    -- key data
    out_times >= $transfer_min_times AND out_total > $transfer_share * assets AS transfer_out,
    out_times, out_total,
    commission_base > 0 AND commission < (1 - $commission_drop) * commission_base AS commission_drop,
    commission, commission_base,
    empty_months_seen >= $empty_months AND empty_max_days = 0 AS empty_position,
    empty_months_seen AS empty_months,
    -- supporting data
    trades_avg > 0 AND trades < $trades_drop * trades_avg AS trades_drop,
    trades, trades_avg,
    pnl < 0 AND -pnl > $loss_share * start_assets AS month_loss,
    pnl, start_assets,
    -- qualitative
    recent_complaints > 0 AS complaint, recent_complaints,
    recent_fee_requests > 0 AS fee_request, recent_fee_requests,
    coalesce(contact_drop, false) AS contact_drop, contacts, contacts_avg,
    -- dormant segment
    last_trade_mi >= 0 AND mi - last_trade_mi >= $idle_months AND assets >= $min_assets AS dormant,
    CASE WHEN last_trade_mi >= 0 THEN mi - last_trade_mi END AS idle_months,
    peak_assets > 0 AND assets <= (1 - $heavy_share) * peak_assets
        AND -year_pnl >= $heavy_share * peak_assets AS heavy_loss,
    peak_assets, year_pnl,
    strftime(last_trade, '%Y-%m-%d') AS last_trade
FROM (
    SELECT *, greatest(coalesce(last_traded_mi, -1),
                       coalesce(year(last_trade) * 12 + month(last_trade) - 1, -1)) AS last_trade_mi
    FROM recent
    WHERE mi = (SELECT mi FROM target)
)
)
SELECT * FROM result
WHERE transfer_out OR commission_drop OR empty_position OR trades_drop OR month_loss
    OR complaint OR fee_request OR contact_drop OR dormant OR heavy_loss
ORDER BY client;
