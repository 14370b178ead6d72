-- Merges dim_company_staging_r{{ dag_run.id }} into dim_company by (company_key). Generated from schemas/ by StockLakehouse; do not edit.
ALTER TABLE `{{ params.project }}.{{ params.dataset }}.dim_company_staging_r{{ dag_run.id }}` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));

BEGIN TRANSACTION;

DELETE FROM `{{ params.project }}.{{ params.dataset }}.dim_company` AS t
WHERE NOT EXISTS (SELECT 1 FROM `{{ params.project }}.{{ params.dataset }}.dim_company_staging_r{{ dag_run.id }}` AS s WHERE t.`company_key` = s.`company_key`);

MERGE INTO `{{ params.project }}.{{ params.dataset }}.dim_company` AS t
USING `{{ params.project }}.{{ params.dataset }}.dim_company_staging_r{{ dag_run.id }}` AS s
ON t.`company_key` = s.`company_key`
WHEN MATCHED AND (
    t.`symbol` IS DISTINCT FROM s.`symbol`
    OR t.`name` IS DISTINCT FROM s.`name`
    OR t.`exchange_key` IS DISTINCT FROM s.`exchange_key`
    OR t.`sector` IS DISTINCT FROM s.`sector`
    OR t.`industry` IS DISTINCT FROM s.`industry`
    OR t.`currency` IS DISTINCT FROM s.`currency`
    OR t.`country` IS DISTINCT FROM s.`country`
    OR t.`ipo_date` IS DISTINCT FROM s.`ipo_date`
    OR t.`delisting_date` IS DISTINCT FROM s.`delisting_date`
    OR t.`valid_from` IS DISTINCT FROM s.`valid_from`
    OR t.`valid_to` IS DISTINCT FROM s.`valid_to`
    OR t.`is_current` IS DISTINCT FROM s.`is_current`) THEN
  UPDATE SET
    `symbol` = s.`symbol`,
    `name` = s.`name`,
    `exchange_key` = s.`exchange_key`,
    `sector` = s.`sector`,
    `industry` = s.`industry`,
    `currency` = s.`currency`,
    `country` = s.`country`,
    `ipo_date` = s.`ipo_date`,
    `delisting_date` = s.`delisting_date`,
    `valid_from` = s.`valid_from`,
    `valid_to` = s.`valid_to`,
    `is_current` = s.`is_current`
WHEN NOT MATCHED THEN
  INSERT (`company_key`, `symbol`, `name`, `exchange_key`, `sector`, `industry`, `currency`, `country`, `ipo_date`, `delisting_date`, `valid_from`, `valid_to`, `is_current`)
  VALUES (s.`company_key`, s.`symbol`, s.`name`, s.`exchange_key`, s.`sector`, s.`industry`, s.`currency`, s.`country`, s.`ipo_date`, s.`delisting_date`, s.`valid_from`, s.`valid_to`, s.`is_current`);

COMMIT TRANSACTION;
