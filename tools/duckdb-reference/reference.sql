-- The DuckDB-SQL reference of `make bench`: a comparable subset of the lakehouse's work, in DuckDB's own SQL, on
-- the raw Yahoo chart v8 objects the pipeline landed. The runner sets the variable raw_glob (a glob of those
-- JSON files) and runs this file against a fresh database file. Steps, as the pipeline has them: parse every
-- chart, validate each bar, keep the latest ingest of each (symbol, trade date), daily returns, SMA 20 and 50,
-- Bollinger bands (20, 2σ, population σ), 20-day volatility (sample σ of log returns · √252), EMA 12 seeded
-- with the SMA of its first 12 closes (TA-Lib's convention, as a recursive CTE), and one fact table loaded.
-- Left out, because the subset is what issue 13 compares: RSI, MACD, ATR, SMA 200, EMA 26, dimensions,
-- dividends and splits, quarantine files, marts and checks.

-- Parse: one row per file, then the chart's columns unnested side by side (DuckDB unnests lists of one
-- SELECT in parallel, so the i-th timestamp meets the i-th open, high, …).
CREATE TEMP TABLE raw_bars AS
WITH charts AS (
    SELECT
        filename,
        chart.result[1].meta.symbol AS symbol,
        chart.result[1]."timestamp" AS ts,
        chart.result[1].indicators.quote[1] AS q,
        chart.result[1].indicators.adjclose[1].adjclose AS adj
    FROM read_json(
        getvariable('raw_glob'),
        format = 'unstructured',
        filename = true,
        maximum_object_size = 1073741824,
        columns = {
            chart: 'STRUCT(result STRUCT(meta STRUCT(symbol VARCHAR), "timestamp" BIGINT[], indicators STRUCT(quote STRUCT(open DOUBLE[], high DOUBLE[], low DOUBLE[], close DOUBLE[], volume DOUBLE[])[], adjclose STRUCT(adjclose DOUBLE[])[]))[])'
        })
    WHERE chart.result IS NOT NULL AND len(chart.result) > 0
)
SELECT
    filename,
    symbol,
    unnest(ts) AS ts,
    unnest(q.open) AS open,
    unnest(q.high) AS high,
    unnest(q.low) AS low,
    unnest(q.close) AS close,
    unnest(q.volume) AS volume,
    unnest(adj) AS adj_close
FROM charts;

-- Validate and deduplicate: a bar needs positive prices that bracket each other and a non-negative volume; of
-- several landings of one (symbol, trade date) the latest object wins (object names sort by run id).
CREATE TEMP TABLE bars AS
SELECT
    symbol,
    trade_date,
    open,
    high,
    low,
    close,
    adj_close,
    CAST(volume AS BIGINT) AS volume,
    row_number() OVER (PARTITION BY symbol ORDER BY trade_date) AS rn
FROM (
    SELECT *
    FROM (
        SELECT
            *,
            CAST(timezone('America/New_York', to_timestamp(ts)) AS DATE) AS trade_date
        FROM raw_bars
        WHERE open > 0 AND high > 0 AND low > 0 AND close > 0 AND adj_close > 0 AND volume >= 0
          AND low <= least(open, close) AND high >= greatest(open, close)
    )
    QUALIFY row_number() OVER (PARTITION BY symbol, trade_date ORDER BY filename DESC) = 1
)
ORDER BY rn, symbol;

-- Returns, moving averages, bands and volatility as window functions; NULL inside each lookback.
CREATE TEMP TABLE windowed AS
WITH returns AS (
    SELECT
        *,
        adj_close / lag(adj_close) OVER w - 1 AS return_1d,
        ln(adj_close / lag(adj_close) OVER w) AS log_return_1d
    FROM bars
    WINDOW w AS (PARTITION BY symbol ORDER BY rn)
)
SELECT
    *,
    CASE WHEN rn >= 20 THEN avg(adj_close) OVER w20 END AS sma_20,
    CASE WHEN rn >= 50 THEN avg(adj_close) OVER (PARTITION BY symbol ORDER BY rn ROWS 49 PRECEDING) END AS sma_50,
    CASE WHEN rn >= 20 THEN avg(adj_close) OVER w20 + 2 * stddev_pop(adj_close) OVER w20 END AS bb_upper,
    CASE WHEN rn >= 20 THEN avg(adj_close) OVER w20 - 2 * stddev_pop(adj_close) OVER w20 END AS bb_lower,
    CASE WHEN rn >= 21 THEN stddev_samp(log_return_1d) OVER w20 * sqrt(252) END AS volatility_20d,
    CASE WHEN rn = 12 THEN avg(adj_close) OVER (PARTITION BY symbol ORDER BY rn ROWS 11 PRECEDING) END AS ema_seed
FROM returns
WINDOW w20 AS (PARTITION BY symbol ORDER BY rn ROWS 19 PRECEDING);

-- EMA 12: seeded at bar 12 with the SMA of the first 12 closes, then ema = prev + k·(x − prev), k = 2/13. The
-- recursion advances every symbol one bar per step; `bars` is stored by rn so that each step's join reads only
-- the row groups of that rn.
CREATE TEMP TABLE ema AS
WITH RECURSIVE ema_12(symbol, rn, ema_12) AS (
    SELECT symbol, rn, ema_seed FROM windowed WHERE rn = 12
    UNION ALL
    SELECT b.symbol, b.rn, e.ema_12 + (2.0 / 13.0) * (b.adj_close - e.ema_12)
    FROM ema_12 AS e
    JOIN bars AS b ON b.symbol = e.symbol AND b.rn = e.rn + 1
)
SELECT * FROM ema_12;

-- Load: the fact table, in the database file.
CREATE TABLE fact_stock_price_reference AS
SELECT
    w.symbol,
    w.trade_date,
    w.open,
    w.high,
    w.low,
    w.close,
    w.adj_close,
    w.volume,
    w.return_1d,
    w.log_return_1d,
    w.sma_20,
    w.sma_50,
    w.bb_upper,
    w.sma_20 AS bb_middle,
    w.bb_lower,
    w.volatility_20d,
    e.ema_12
FROM windowed AS w
LEFT JOIN ema AS e USING (symbol, rn);
