# Two alerts on failures, both sent to alert_email when it is set:
#  - a DAG run ended failed (Composer's own metric, nothing to maintain in the DAGs);
#  - a task failed after its last retry: the DAGs' on_failure_callback logs one line starting with
#    LAKEHOUSE_ALERT and carrying dag_id, task_id, run_id and the log URL (dags/lakehouse_dags/alerting.py).

resource "google_monitoring_notification_channel" "email" {
  count        = var.alert_email == "" ? 0 : 1
  display_name = "StockLakehouse alerts"
  type         = "email"

  labels = {
    email_address = var.alert_email
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "dag_run_failed" {
  display_name          = "StockLakehouse: a DAG run failed"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.email[*].id

  conditions {
    display_name = "Composer DAG runs in state failed"

    condition_threshold {
      filter          = "resource.type = \"cloud_composer_workflow\" AND resource.labels.environment_name = \"${google_composer_environment.lakehouse.name}\" AND metric.type = \"composer.googleapis.com/workflow/run_count\" AND metric.labels.state = \"failed\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A StockLakehouse DAG run failed in Composer environment `${google_composer_environment.lakehouse.name}`. Open the Airflow UI (terraform output airflow_uri), find the failed task, read its log; a rerun of the same logical date is safe (every step is idempotent)."
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "task_failed" {
  display_name          = "StockLakehouse: a task failed after its retries"
  combiner              = "OR"
  notification_channels = google_monitoring_notification_channel.email[*].id

  conditions {
    display_name = "LAKEHOUSE_ALERT log line from an on_failure_callback"

    condition_matched_log {
      filter = "resource.type=\"cloud_composer_environment\" AND resource.labels.environment_name=\"${google_composer_environment.lakehouse.name}\" AND textPayload:\"LAKEHOUSE_ALERT\""
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A StockLakehouse task failed after its last retry. The log line names the DAG, task, run and log URL."
  }

  alert_strategy {
    # Log-match conditions require a notification rate limit.
    notification_rate_limit {
      period = "300s"
    }
    auto_close = "86400s"
  }

  depends_on = [google_project_service.apis]
}
