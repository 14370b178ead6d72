-- Merges fact_stock_price_staging_r{{ dag_run.id }} into fact_stock_price by (symbol, trade_date). Generated from schemas/ by StockLakehouse; do not edit.
ALTER TABLE `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_r{{ dag_run.id }}` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));

BEGIN TRANSACTION;

DELETE FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS t
WHERE t.`symbol` NOT IN (SELECT `symbol` FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_r{{ dag_run.id }}`);

DELETE FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS t
WHERE t.`symbol` IN (SELECT DISTINCT `symbol` FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_r{{ dag_run.id }}`)
  AND NOT EXISTS (SELECT 1 FROM `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_r{{ dag_run.id }}` AS s WHERE t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`);

MERGE INTO `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS t
USING `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_r{{ dag_run.id }}` AS s
ON t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`
WHEN MATCHED AND (
    t.`date_key` IS DISTINCT FROM s.`date_key`
    OR t.`company_key` IS DISTINCT FROM s.`company_key`
    OR t.`exchange_key` IS DISTINCT FROM s.`exchange_key`
    OR t.`open` IS DISTINCT FROM s.`open`
    OR t.`high` IS DISTINCT FROM s.`high`
    OR t.`low` IS DISTINCT FROM s.`low`
    OR t.`close` IS DISTINCT FROM s.`close`
    OR t.`adj_close` IS DISTINCT FROM s.`adj_close`
    OR t.`volume` IS DISTINCT FROM s.`volume`
    OR t.`dividend` IS DISTINCT FROM s.`dividend`
    OR t.`split_ratio` IS DISTINCT FROM s.`split_ratio`
    OR t.`return_1d` IS DISTINCT FROM s.`return_1d`
    OR t.`log_return_1d` IS DISTINCT FROM s.`log_return_1d`) THEN
  UPDATE SET
    `date_key` = s.`date_key`,
    `company_key` = s.`company_key`,
    `exchange_key` = s.`exchange_key`,
    `open` = s.`open`,
    `high` = s.`high`,
    `low` = s.`low`,
    `close` = s.`close`,
    `adj_close` = s.`adj_close`,
    `volume` = s.`volume`,
    `dividend` = s.`dividend`,
    `split_ratio` = s.`split_ratio`,
    `return_1d` = s.`return_1d`,
    `log_return_1d` = s.`log_return_1d`
WHEN NOT MATCHED THEN
  INSERT (`date_key`, `company_key`, `exchange_key`, `symbol`, `trade_date`, `open`, `high`, `low`, `close`, `adj_close`, `volume`, `dividend`, `split_ratio`, `return_1d`, `log_return_1d`)
  VALUES (s.`date_key`, s.`company_key`, s.`exchange_key`, s.`symbol`, s.`trade_date`, s.`open`, s.`high`, s.`low`, s.`close`, s.`adj_close`, s.`volume`, s.`dividend`, s.`split_ratio`, s.`return_1d`, s.`log_return_1d`);

DELETE FROM `{{ params.project }}.{{ params.dataset }}.load_partitions` WHERE `table_name` = 'fact_stock_price';

COMMIT TRANSACTION;
