-- Reactivation by the guide's success measures, for each client contacted: the month before the
-- first contact against the latest month after it. NULL where the export lacks the column.
WITH first_contact AS (
    SELECT client, min(year(day) * 12 + month(day) - 1) AS contact_mi
    FROM attempts
    GROUP BY client
),
good AS (SELECT * FROM checked_rows WHERE reason = ''),
before AS (
    SELECT g.client, g.trades, g.turnover, g.products, g.commission
    FROM good g JOIN first_contact c ON g.client = c.client AND g.mi = c.contact_mi - 1
),
after AS (
    SELECT client, trades, turnover, products, commission
    FROM (
        SELECT g.*, row_number() OVER (PARTITION BY g.client ORDER BY g.mi DESC) AS newest
        FROM good g JOIN first_contact c ON g.client = c.client AND g.mi > c.contact_mi
    )
    WHERE newest = 1
),
paired AS (
    SELECT b.client,
        b.trades = 0 AND a.trades > 0 AS resumed,
        a.turnover > b.turnover AS more_volume,
        a.products > b.products AS more_products,
        a.trades > b.trades AS more_often,
        a.commission > b.commission AS more_commission
    FROM before b JOIN after a USING (client)
)
SELECT
    (SELECT count(*) FROM first_contact) AS contacted,
    count(*) AS measured,
    count(*) FILTER (WHERE resumed) AS resumed,
    count(*) FILTER (WHERE more_volume) AS more_volume,
    count(more_volume) AS volume_known,
    count(*) FILTER (WHERE more_products) AS more_products,
    count(more_products) AS products_known,
    count(*) FILTER (WHERE more_often) AS more_often,
    count(*) FILTER (WHERE more_commission) AS more_commission
FROM paired;
