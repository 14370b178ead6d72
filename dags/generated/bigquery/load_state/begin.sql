CREATE TABLE IF NOT EXISTS `{{ params.project }}.{{ params.dataset }}.load_state` (
  `run_id` STRING NOT NULL OPTIONS (description = 'The run id of the load.'),
  `committed` BOOL NOT NULL OPTIONS (description = 'True once every table and the marts were loaded; false while the load runs or when it stopped part-way.'),
  `recorded_at` TIMESTAMP NOT NULL OPTIONS (description = 'When the record was written (UTC).')
) OPTIONS (description = 'The loads of this warehouse, a row per run: whether every table and the marts got in (written last); the newest row by recorded_at is the last load.');
CREATE TABLE IF NOT EXISTS `{{ params.project }}.{{ params.dataset }}.load_partitions` (
  `table_name` STRING NOT NULL OPTIONS (description = 'The warehouse table.'),
  `partition_value` STRING NOT NULL OPTIONS (description = 'The value of the table\'s lake partition column, as text.'),
  `fingerprint` STRING NOT NULL OPTIONS (description = 'The fingerprint of the partition file the table\'s rows of this partition were loaded from.')
) OPTIONS (description = 'The lake partitions each partitioned table was loaded from, with the fingerprint of each partition\'s file; a load merges only partitions whose fingerprint changed.');
DELETE FROM `{{ params.project }}.{{ params.dataset }}.load_state` WHERE `run_id` = '{{ data_interval_end.in_timezone("America/New_York") | ds_nodash }}-r{{ dag_run.id }}';
INSERT INTO `{{ params.project }}.{{ params.dataset }}.load_state` (`run_id`, `committed`, `recorded_at`) VALUES ('{{ data_interval_end.in_timezone("America/New_York") | ds_nodash }}-r{{ dag_run.id }}', FALSE, CURRENT_TIMESTAMP);
