-- Merges dim_exchange_staging_r{{ dag_run.id }} into dim_exchange by (exchange_key). Generated from schemas/ by StockLakehouse; do not edit.
ALTER TABLE `{{ params.project }}.{{ params.dataset }}.dim_exchange_staging_r{{ dag_run.id }}` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));

BEGIN TRANSACTION;

DELETE FROM `{{ params.project }}.{{ params.dataset }}.dim_exchange` AS t
WHERE NOT EXISTS (SELECT 1 FROM `{{ params.project }}.{{ params.dataset }}.dim_exchange_staging_r{{ dag_run.id }}` AS s WHERE t.`exchange_key` = s.`exchange_key`);

MERGE INTO `{{ params.project }}.{{ params.dataset }}.dim_exchange` AS t
USING `{{ params.project }}.{{ params.dataset }}.dim_exchange_staging_r{{ dag_run.id }}` AS s
ON t.`exchange_key` = s.`exchange_key`
WHEN MATCHED AND (
    t.`mic` IS DISTINCT FROM s.`mic`
    OR t.`name` IS DISTINCT FROM s.`name`
    OR t.`timezone` IS DISTINCT FROM s.`timezone`
    OR t.`country` IS DISTINCT FROM s.`country`
    OR t.`currency` IS DISTINCT FROM s.`currency`) THEN
  UPDATE SET
    `mic` = s.`mic`,
    `name` = s.`name`,
    `timezone` = s.`timezone`,
    `country` = s.`country`,
    `currency` = s.`currency`
WHEN NOT MATCHED THEN
  INSERT (`exchange_key`, `mic`, `name`, `timezone`, `country`, `currency`)
  VALUES (s.`exchange_key`, s.`mic`, s.`name`, s.`timezone`, s.`country`, s.`currency`);

COMMIT TRANSACTION;
