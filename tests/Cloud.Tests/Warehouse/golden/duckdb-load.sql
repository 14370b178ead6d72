CREATE TABLE IF NOT EXISTS "fact_stock_price" ("date_key" BIGINT NOT NULL, "company_key" BIGINT NOT NULL, "exchange_key" BIGINT NOT NULL, "symbol" VARCHAR NOT NULL, "trade_date" DATE NOT NULL, "open" DOUBLE NOT NULL, "high" DOUBLE NOT NULL, "low" DOUBLE NOT NULL, "close" DOUBLE NOT NULL, "adj_close" DOUBLE NOT NULL, "volume" BIGINT NOT NULL, "dividend" DOUBLE NOT NULL, "split_ratio" DOUBLE NOT NULL, "return_1d" DOUBLE, "log_return_1d" DOUBLE);

COMMENT ON COLUMN "fact_stock_price"."date_key" IS 'Trade date as yyyymmdd (dim_date).';

COMMENT ON COLUMN "fact_stock_price"."company_key" IS 'Version of the company valid on the trade date (dim_company).';

COMMENT ON COLUMN "fact_stock_price"."exchange_key" IS 'Listing exchange (dim_exchange).';

COMMENT ON COLUMN "fact_stock_price"."symbol" IS 'Ticker symbol (natural key with trade_date).';

COMMENT ON COLUMN "fact_stock_price"."trade_date" IS 'Session date in the exchange''s time zone.';

COMMENT ON COLUMN "fact_stock_price"."open" IS 'Opening price as traded.';

COMMENT ON COLUMN "fact_stock_price"."high" IS 'High as traded.';

COMMENT ON COLUMN "fact_stock_price"."low" IS 'Low as traded.';

COMMENT ON COLUMN "fact_stock_price"."close" IS 'Close as traded.';

COMMENT ON COLUMN "fact_stock_price"."adj_close" IS 'Close adjusted for splits and dividends, derived from close, dividend and split_ratio over the symbol''s whole history the way Yahoo computes adjclose (see README, Conventions); equals close on the symbol''s latest bar.';

COMMENT ON COLUMN "fact_stock_price"."volume" IS 'Shares traded, as traded.';

COMMENT ON COLUMN "fact_stock_price"."dividend" IS 'Cash dividend per share going ex on the date; 0 when none.';

COMMENT ON COLUMN "fact_stock_price"."split_ratio" IS 'New shares per old share of a split effective on the date; 1 when none.';

COMMENT ON COLUMN "fact_stock_price"."return_1d" IS 'Simple total return since the previous bar of the symbol, from adj_close: adj_close / previous adj_close - 1. NULL on the first bar.';

COMMENT ON COLUMN "fact_stock_price"."log_return_1d" IS 'Natural log of (1 + return_1d).';

COMMENT ON TABLE "fact_stock_price" IS 'Daily prices, one row per (symbol, trade_date).';

CREATE TABLE IF NOT EXISTS "load_state" ("run_id" VARCHAR NOT NULL, "committed" BOOLEAN NOT NULL, "recorded_at" TIMESTAMP NOT NULL);

COMMENT ON COLUMN "load_state"."run_id" IS 'The run id of the load.';

COMMENT ON COLUMN "load_state"."committed" IS 'True once every table and the marts were loaded; false while the load runs or when it stopped part-way.';

COMMENT ON COLUMN "load_state"."recorded_at" IS 'When the record was written (UTC).';

COMMENT ON TABLE "load_state" IS 'The loads of this warehouse, a row per run: whether every table and the marts got in (written last); the newest row by recorded_at is the last load.';

DELETE FROM "load_state" WHERE "run_id" = 'run1';

INSERT INTO "load_state" ("run_id", "committed", "recorded_at") VALUES ('run1', FALSE, CURRENT_TIMESTAMP);

CREATE TABLE IF NOT EXISTS "load_partitions" ("table_name" VARCHAR NOT NULL, "partition_value" VARCHAR NOT NULL, "fingerprint" VARCHAR NOT NULL);

COMMENT ON COLUMN "load_partitions"."table_name" IS 'The warehouse table.';

COMMENT ON COLUMN "load_partitions"."partition_value" IS 'The value of the table''s lake partition column, as text.';

COMMENT ON COLUMN "load_partitions"."fingerprint" IS 'The fingerprint of the partition file the table''s rows of this partition were loaded from.';

COMMENT ON TABLE "load_partitions" IS 'The lake partitions each partitioned table was loaded from, with the fingerprint of each partition''s file; a load merges only partitions whose fingerprint changed.';

CREATE TABLE IF NOT EXISTS "check_pending" ("table_name" VARCHAR NOT NULL, "partition_value" VARCHAR, "since" DATE);

COMMENT ON COLUMN "check_pending"."table_name" IS 'The warehouse table.';

COMMENT ON COLUMN "check_pending"."partition_value" IS 'The value of the table''s lake partition column, as text; NULL: every row of the table.';

COMMENT ON COLUMN "check_pending"."since" IS 'The first date of the partition''s changed rows; NULL: every row of the partition.';

COMMENT ON TABLE "check_pending" IS 'Rows of the partitioned tables changed by loads since the table''s row checks (NOT NULL, expression and relationship checks) last passed: a partition from a date on, a whole partition (since NULL) or the whole table (partition_value NULL).';

SELECT COUNT(*) FROM "fact_stock_price";

BEGIN TRANSACTION;

SELECT COUNT(*) FROM "fact_stock_price";

INSERT INTO "check_pending" VALUES ('fact_stock_price', NULL, CAST(NULL AS DATE));

INSERT INTO "fact_stock_price" ("date_key", "company_key", "exchange_key", "symbol", "trade_date", "open", "high", "low", "close", "adj_close", "volume", "dividend", "split_ratio", "return_1d", "log_return_1d")
SELECT "date_key", "company_key", "exchange_key", "symbol", "trade_date", "open", "high", "low", "close", "adj_close", "volume", "dividend", "split_ratio", "return_1d", "log_return_1d" FROM read_parquet($1::VARCHAR[]);

DELETE FROM "load_partitions" WHERE "table_name" = 'fact_stock_price';

INSERT INTO "load_partitions" ("table_name", "partition_value", "fingerprint") VALUES
  ('fact_stock_price', 'KO', 'sha256:01dddc3e0bf08069b94ba1cd2d04c7ef1005f71c53878f2f917bd788e8640f70'),
  ('fact_stock_price', 'PEP', 'sha256:a1f1ddf407f2f1b94d6e70912decebc011931b1e5b57beb052c4110e2d948c68');

COMMIT;

CREATE OR REPLACE TABLE "mart_correlation_symbol" (symbol VARCHAR NOT NULL);

INSERT INTO "mart_correlation_symbol" SELECT unnest($1::VARCHAR[]);

UPDATE "load_state" SET "committed" = TRUE, "recorded_at" = CURRENT_TIMESTAMP WHERE "run_id" = 'run1';

SELECT CASE WHEN COUNT(*) = 0 THEN ERROR('The load record load_state has no row for run run1 to mark committed (it was removed while the load ran), so the load is not recorded as committed; run the load again.') ELSE 0 END AS "committed_rows" FROM "load_state" WHERE "run_id" = 'run1' AND "committed";
