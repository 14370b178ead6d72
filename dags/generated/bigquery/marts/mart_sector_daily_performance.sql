-- Daily performance of each sector: equal-weighted mean return, breadth and traded value.
-- Grain: one row per (trade_date, sector). The sector is the one valid on the trade date (dim_company is SCD type 2).
-- Generated from schemas/marts/mart_sector_daily_performance.sql by StockLakehouse; do not edit.
CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_sector_daily_performance` AS
SELECT
  f.trade_date,
  c.sector,
  COUNT(*) AS symbols,
  AVG(f.return_1d) AS avg_return_1d,
  SUM(CASE WHEN f.return_1d > 0 THEN 1 ELSE 0 END) AS advancers,
  SUM(CASE WHEN f.return_1d < 0 THEN 1 ELSE 0 END) AS decliners,
  SUM(f.volume) AS volume_shares,
  SUM(f.close * f.volume) AS traded_value
FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS f
JOIN `{{ params.project }}.{{ params.dataset }}.dim_company` AS c ON c.company_key = f.company_key
GROUP BY f.trade_date, c.sector;
