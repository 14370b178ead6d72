-- Merges fact_technical_indicator_staging_r{{ dag_run.id }} into fact_technical_indicator by (symbol, trade_date). Generated from schemas/ by StockLakehouse; do not edit.
ALTER TABLE `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator_staging_r{{ dag_run.id }}` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));

BEGIN TRANSACTION;

DELETE FROM `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator` AS t
WHERE t.`symbol` NOT IN (SELECT `symbol` FROM `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator_staging_r{{ dag_run.id }}`);

DELETE FROM `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator` AS t
WHERE t.`symbol` IN (SELECT DISTINCT `symbol` FROM `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator_staging_r{{ dag_run.id }}`)
  AND NOT EXISTS (SELECT 1 FROM `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator_staging_r{{ dag_run.id }}` AS s WHERE t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`);

MERGE INTO `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator` AS t
USING `{{ params.project }}.{{ params.dataset }}.fact_technical_indicator_staging_r{{ dag_run.id }}` AS s
ON t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`
WHEN MATCHED AND (
    t.`date_key` IS DISTINCT FROM s.`date_key`
    OR t.`company_key` IS DISTINCT FROM s.`company_key`
    OR t.`sma_20` IS DISTINCT FROM s.`sma_20`
    OR t.`sma_50` IS DISTINCT FROM s.`sma_50`
    OR t.`sma_200` IS DISTINCT FROM s.`sma_200`
    OR t.`ema_12` IS DISTINCT FROM s.`ema_12`
    OR t.`ema_26` IS DISTINCT FROM s.`ema_26`
    OR t.`macd` IS DISTINCT FROM s.`macd`
    OR t.`macd_signal` IS DISTINCT FROM s.`macd_signal`
    OR t.`macd_hist` IS DISTINCT FROM s.`macd_hist`
    OR t.`rsi_14` IS DISTINCT FROM s.`rsi_14`
    OR t.`bb_upper` IS DISTINCT FROM s.`bb_upper`
    OR t.`bb_middle` IS DISTINCT FROM s.`bb_middle`
    OR t.`bb_lower` IS DISTINCT FROM s.`bb_lower`
    OR t.`atr_14` IS DISTINCT FROM s.`atr_14`
    OR t.`volatility_20d` IS DISTINCT FROM s.`volatility_20d`) THEN
  UPDATE SET
    `date_key` = s.`date_key`,
    `company_key` = s.`company_key`,
    `sma_20` = s.`sma_20`,
    `sma_50` = s.`sma_50`,
    `sma_200` = s.`sma_200`,
    `ema_12` = s.`ema_12`,
    `ema_26` = s.`ema_26`,
    `macd` = s.`macd`,
    `macd_signal` = s.`macd_signal`,
    `macd_hist` = s.`macd_hist`,
    `rsi_14` = s.`rsi_14`,
    `bb_upper` = s.`bb_upper`,
    `bb_middle` = s.`bb_middle`,
    `bb_lower` = s.`bb_lower`,
    `atr_14` = s.`atr_14`,
    `volatility_20d` = s.`volatility_20d`
WHEN NOT MATCHED THEN
  INSERT (`date_key`, `company_key`, `symbol`, `trade_date`, `sma_20`, `sma_50`, `sma_200`, `ema_12`, `ema_26`, `macd`, `macd_signal`, `macd_hist`, `rsi_14`, `bb_upper`, `bb_middle`, `bb_lower`, `atr_14`, `volatility_20d`)
  VALUES (s.`date_key`, s.`company_key`, s.`symbol`, s.`trade_date`, s.`sma_20`, s.`sma_50`, s.`sma_200`, s.`ema_12`, s.`ema_26`, s.`macd`, s.`macd_signal`, s.`macd_hist`, s.`rsi_14`, s.`bb_upper`, s.`bb_middle`, s.`bb_lower`, s.`atr_14`, s.`volatility_20d`);

DELETE FROM `{{ params.project }}.{{ params.dataset }}.load_partitions` WHERE `table_name` = 'fact_technical_indicator';

COMMIT TRANSACTION;
