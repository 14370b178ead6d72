-- Rolling 60-day Pearson correlation of daily log returns for every pair of the chosen symbols
-- (table mart_correlation_symbol, filled from marts.json at load). Pairs are matched on trade_date;
-- correlation_60d is NULL until a pair has 60 common observations.
-- Grain: one row per (symbol_a, symbol_b, trade_date) with symbol_a < symbol_b.
-- Generated from schemas/marts/mart_return_correlation_60d.sql by StockLakehouse; do not edit.
CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_return_correlation_60d` AS
WITH chosen AS (
  SELECT f.symbol, f.trade_date, f.log_return_1d
  FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS f
  JOIN `{{ params.project }}.{{ params.dataset }}.mart_correlation_symbol` AS s ON s.symbol = f.symbol
  WHERE f.log_return_1d IS NOT NULL
),
pairs AS (
  SELECT a.trade_date, a.symbol AS symbol_a, b.symbol AS symbol_b, a.log_return_1d AS return_a, b.log_return_1d AS return_b
  FROM chosen AS a
  JOIN chosen AS b ON a.trade_date = b.trade_date AND a.symbol < b.symbol
)
SELECT
  trade_date,
  symbol_a,
  symbol_b,
  COUNT(*) OVER w AS observations,
  CASE WHEN COUNT(*) OVER w = 60 THEN CORR(return_a, return_b) OVER w END AS correlation_60d
FROM pairs
WINDOW w AS (PARTITION BY symbol_a, symbol_b ORDER BY trade_date ROWS BETWEEN 59 PRECEDING AND CURRENT ROW);
