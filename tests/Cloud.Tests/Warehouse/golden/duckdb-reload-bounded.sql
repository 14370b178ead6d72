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

DELETE FROM "load_state" WHERE "run_id" = 'run2';

INSERT INTO "load_state" ("run_id", "committed", "recorded_at") VALUES ('run2', FALSE, CURRENT_TIMESTAMP);

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

CREATE OR REPLACE TEMP TABLE "lake_partitions_fact_stock_price" AS SELECT CAST(unnest($1::VARCHAR[]) AS VARCHAR) AS "symbol";

DELETE FROM "fact_stock_price" AS t
WHERE t."symbol" NOT IN (SELECT "symbol" FROM "lake_partitions_fact_stock_price");

DROP TABLE "lake_partitions_fact_stock_price";

DELETE FROM "load_partitions" WHERE "table_name" = 'fact_stock_price' AND "partition_value" <> ALL ($1::VARCHAR[]);

COMMIT;

SELECT "partition_value", "fingerprint" FROM "load_partitions" WHERE "table_name" = 'fact_stock_price';

BEGIN TRANSACTION;

SELECT COUNT(*) FROM "fact_stock_price";

INSERT INTO "check_pending" SELECT 'fact_stock_price', unnest($1::VARCHAR[]), DATE '2025-01-02';

CREATE OR REPLACE TEMP TABLE "staged_partitions_fact_stock_price" AS SELECT CAST(unnest($1::VARCHAR[]) AS VARCHAR) AS "symbol";

CREATE OR REPLACE TEMP TABLE "staged_rows_fact_stock_price" AS SELECT * FROM read_parquet($1::VARCHAR[]) WHERE "trade_date" >= DATE '2025-01-02';

SELECT COUNT(*) FROM "staged_rows_fact_stock_price";

DELETE FROM "fact_stock_price" AS t
WHERE t."trade_date" >= DATE '2025-01-02'
  AND t."symbol" IN (SELECT DISTINCT "symbol" FROM "staged_partitions_fact_stock_price")
  AND NOT EXISTS (SELECT 1 FROM (SELECT * FROM "staged_rows_fact_stock_price" WHERE "trade_date" >= DATE '2025-01-02') AS s WHERE t."symbol" = s."symbol" AND t."trade_date" = s."trade_date");

DELETE FROM "fact_stock_price" AS t
WHERE t."trade_date" >= DATE '2025-01-02'
  AND t."symbol" IN ('PEP')
  AND EXISTS (SELECT 1 FROM (SELECT * FROM "staged_rows_fact_stock_price" WHERE "trade_date" >= DATE '2025-01-02') AS s WHERE t."symbol" = s."symbol" AND t."trade_date" = s."trade_date"
  AND (
    t."date_key" IS DISTINCT FROM s."date_key"
    OR t."company_key" IS DISTINCT FROM s."company_key"
    OR t."exchange_key" IS DISTINCT FROM s."exchange_key"
    OR t."open" IS DISTINCT FROM s."open"
    OR t."high" IS DISTINCT FROM s."high"
    OR t."low" IS DISTINCT FROM s."low"
    OR t."close" IS DISTINCT FROM s."close"
    OR t."adj_close" IS DISTINCT FROM s."adj_close"
    OR t."volume" IS DISTINCT FROM s."volume"
    OR t."dividend" IS DISTINCT FROM s."dividend"
    OR t."split_ratio" IS DISTINCT FROM s."split_ratio"
    OR t."return_1d" IS DISTINCT FROM s."return_1d"
    OR t."log_return_1d" IS DISTINCT FROM s."log_return_1d"));

INSERT INTO "fact_stock_price" ("date_key", "company_key", "exchange_key", "symbol", "trade_date", "open", "high", "low", "close", "adj_close", "volume", "dividend", "split_ratio", "return_1d", "log_return_1d")
SELECT s."date_key", s."company_key", s."exchange_key", s."symbol", s."trade_date", s."open", s."high", s."low", s."close", s."adj_close", s."volume", s."dividend", s."split_ratio", s."return_1d", s."log_return_1d" FROM (SELECT * FROM "staged_rows_fact_stock_price" WHERE "trade_date" >= DATE '2025-01-02') AS s
WHERE NOT EXISTS (SELECT 1 FROM "fact_stock_price" AS t WHERE t."trade_date" >= DATE '2025-01-02'
  AND t."symbol" IN ('PEP')
  AND t."symbol" = s."symbol" AND t."trade_date" = s."trade_date");

DROP TABLE "staged_rows_fact_stock_price";

SELECT COUNT(*) FROM "fact_stock_price";

DELETE FROM "load_partitions" WHERE "table_name" = 'fact_stock_price' AND "partition_value" IN ('PEP');

INSERT INTO "load_partitions" ("table_name", "partition_value", "fingerprint") VALUES
  ('fact_stock_price', 'PEP', 'gold:pep-2');

DROP TABLE "staged_partitions_fact_stock_price";

COMMIT;

CREATE OR REPLACE TABLE "mart_correlation_symbol" (symbol VARCHAR NOT NULL);

INSERT INTO "mart_correlation_symbol" SELECT unnest($1::VARCHAR[]);

UPDATE "load_state" SET "committed" = TRUE, "recorded_at" = CURRENT_TIMESTAMP WHERE "run_id" = 'run2';

SELECT CASE WHEN COUNT(*) = 0 THEN ERROR('The load record load_state has no row for run run2 to mark committed (it was removed while the load ran), so the load is not recorded as committed; run the load again.') ELSE 0 END AS "committed_rows" FROM "load_state" WHERE "run_id" = 'run2' AND "committed";
