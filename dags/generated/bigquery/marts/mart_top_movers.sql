-- The ten biggest gainers and the ten biggest losers of each trading day by total return (return_1d).
-- Grain: one row per (trade_date, symbol) that ranks in either top ten; ties broken by symbol.
-- Generated from schemas/marts/mart_top_movers.sql by StockLakehouse; do not edit.
CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_top_movers` AS
SELECT *
FROM (
  SELECT
    f.trade_date,
    f.symbol,
    c.name,
    c.sector,
    f.close,
    f.volume,
    f.return_1d,
    ROW_NUMBER() OVER (PARTITION BY f.trade_date ORDER BY f.return_1d DESC, f.symbol) AS gain_rank,
    ROW_NUMBER() OVER (PARTITION BY f.trade_date ORDER BY f.return_1d ASC, f.symbol) AS loss_rank
  FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS f
  JOIN `{{ params.project }}.{{ params.dataset }}.dim_company` AS c ON c.company_key = f.company_key
  WHERE f.return_1d IS NOT NULL
) AS ranked
WHERE gain_rank <= 10 OR loss_rank <= 10;
