-- The latest bar of every symbol with its company, exchange, 52-week range and main indicators:
-- one row per symbol, the table a dashboard's overview page reads.
-- Generated from schemas/marts/mart_latest_snapshot.sql by StockLakehouse; do not edit.
CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_latest_snapshot` AS
SELECT
  f.symbol,
  c.name,
  c.sector,
  c.industry,
  e.mic,
  f.trade_date,
  f.close,
  f.adj_close,
  f.volume,
  f.return_1d,
  r.high_52w,
  r.low_52w,
  r.pct_from_high_52w,
  r.pct_from_low_52w,
  i.sma_50,
  i.sma_200,
  i.rsi_14,
  i.macd_hist,
  i.volatility_20d
FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS f
JOIN (SELECT symbol, MAX(trade_date) AS trade_date FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` GROUP BY symbol) AS latest
  ON latest.symbol = f.symbol AND latest.trade_date = f.trade_date
JOIN `{{ params.project }}.{{ params.dataset }}.dim_company` AS c ON c.company_key = f.company_key
JOIN `{{ params.project }}.{{ params.dataset }}.dim_exchange` AS e ON e.exchange_key = f.exchange_key
LEFT JOIN `{{ params.project }}.{{ params.dataset }}.mart_52_week_range` AS r ON r.symbol = f.symbol AND r.trade_date = f.trade_date
LEFT JOIN `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator` AS i ON i.symbol = f.symbol AND i.trade_date = f.trade_date;
