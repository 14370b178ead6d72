-- Merges dim_date_staging_r{{ dag_run.id }} into dim_date by (date_key). Generated from schemas/ by StockLakehouse; do not edit.
ALTER TABLE `{{ params.project }}.{{ params.dataset }}.dim_date_staging_r{{ dag_run.id }}` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));

BEGIN TRANSACTION;

DELETE FROM `{{ params.project }}.{{ params.dataset }}.dim_date` AS t
WHERE NOT EXISTS (SELECT 1 FROM `{{ params.project }}.{{ params.dataset }}.dim_date_staging_r{{ dag_run.id }}` AS s WHERE t.`date_key` = s.`date_key`);

MERGE INTO `{{ params.project }}.{{ params.dataset }}.dim_date` AS t
USING `{{ params.project }}.{{ params.dataset }}.dim_date_staging_r{{ dag_run.id }}` AS s
ON t.`date_key` = s.`date_key`
WHEN MATCHED AND (
    t.`full_date` IS DISTINCT FROM s.`full_date`
    OR t.`day_of_week` IS DISTINCT FROM s.`day_of_week`
    OR t.`day_name` IS DISTINCT FROM s.`day_name`
    OR t.`month` IS DISTINCT FROM s.`month`
    OR t.`month_name` IS DISTINCT FROM s.`month_name`
    OR t.`quarter` IS DISTINCT FROM s.`quarter`
    OR t.`year` IS DISTINCT FROM s.`year`
    OR t.`week_of_year` IS DISTINCT FROM s.`week_of_year`
    OR t.`is_weekend` IS DISTINCT FROM s.`is_weekend`
    OR t.`is_trading_day` IS DISTINCT FROM s.`is_trading_day`
    OR t.`is_early_close` IS DISTINCT FROM s.`is_early_close`
    OR t.`holiday_name` IS DISTINCT FROM s.`holiday_name`) THEN
  UPDATE SET
    `full_date` = s.`full_date`,
    `day_of_week` = s.`day_of_week`,
    `day_name` = s.`day_name`,
    `month` = s.`month`,
    `month_name` = s.`month_name`,
    `quarter` = s.`quarter`,
    `year` = s.`year`,
    `week_of_year` = s.`week_of_year`,
    `is_weekend` = s.`is_weekend`,
    `is_trading_day` = s.`is_trading_day`,
    `is_early_close` = s.`is_early_close`,
    `holiday_name` = s.`holiday_name`
WHEN NOT MATCHED THEN
  INSERT (`date_key`, `full_date`, `day_of_week`, `day_name`, `month`, `month_name`, `quarter`, `year`, `week_of_year`, `is_weekend`, `is_trading_day`, `is_early_close`, `holiday_name`)
  VALUES (s.`date_key`, s.`full_date`, s.`day_of_week`, s.`day_name`, s.`month`, s.`month_name`, s.`quarter`, s.`year`, s.`week_of_year`, s.`is_weekend`, s.`is_trading_day`, s.`is_early_close`, s.`holiday_name`);

COMMIT TRANSACTION;
