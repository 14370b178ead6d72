-- 52-week high and low of each symbol on each day, and the distance of the adjusted close from them.
-- 52 weeks = the last 252 bars including the day. Highs and lows are put on the adjusted basis
-- (scaled by adj_close / close) so a split inside the window does not distort them.
-- Grain: one row per (symbol, trade_date).
-- Generated from schemas/marts/mart_52_week_range.sql by StockLakehouse; do not edit.
CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_52_week_range` AS
SELECT
  symbol,
  trade_date,
  adj_close,
  high_52w,
  low_52w,
  bars_in_window,
  adj_close / high_52w - 1 AS pct_from_high_52w,
  adj_close / low_52w - 1 AS pct_from_low_52w
FROM (
  SELECT
    symbol,
    trade_date,
    adj_close,
    MAX(high * adj_close / close) OVER w AS high_52w,
    MIN(low * adj_close / close) OVER w AS low_52w,
    COUNT(*) OVER w AS bars_in_window
  FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price`
  WINDOW w AS (PARTITION BY symbol ORDER BY trade_date ROWS BETWEEN 251 PRECEDING AND CURRENT ROW)
) AS windowed;
