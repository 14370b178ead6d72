SELECT CASE
  WHEN last_load.`run_id` IS NULL THEN ERROR('The warehouse records no completed load; run load before the checks.')
  WHEN NOT last_load.`committed` THEN ERROR(CONCAT('The warehouse\'s last load (run ', last_load.`run_id`, ') did not finish, so its tables may be part-loaded; run load again before the checks.'))
  ELSE 0 END AS violations
FROM (SELECT 1 AS probe) AS probe LEFT JOIN (SELECT `run_id`, `committed` FROM `{{ params.project }}.{{ params.dataset }}.load_state` ORDER BY `recorded_at` DESC LIMIT 1) AS last_load ON TRUE
