# The extractor as a Cloud Run job. The DAGs execute it with per-run arguments (the logical date or a
# backfill window) through CloudRunExecuteJobOperator overrides; the arguments here are the defaults for a
# manual `gcloud run jobs execute`.
resource "google_cloud_run_v2_job" "extractor" {
  name                = "${var.name_prefix}-extractor"
  location            = var.region
  deletion_protection = var.deletion_protection

  template {
    task_count  = 1
    parallelism = 1

    template {
      service_account = google_service_account.extractor.email
      timeout         = "${var.extractor_timeout_seconds}s"
      max_retries     = var.extractor_max_retries

      containers {
        name  = "extractor"
        image = local.extractor_image
        # The DAGs replace these per execution with the dates (dags/lakehouse_dags/artifacts.py,
        # extract_args); by hand: gcloud run jobs execute <job> --args=extract,--source,yahoo,--mode,backfill,--lake,gs://<bucket>,--allow-incomplete,--from,<d>,--to,<d>
        args = ["extract", "--source", "yahoo", "--mode", "daily", "--lake", "gs://${google_storage_bucket.lake.name}", "--allow-incomplete"]

        resources {
          limits = {
            cpu    = var.extractor_cpu
            memory = var.extractor_memory
          }
        }

        env {
          # Resolved by Cloud Run at start from Secret Manager; the version must exist (README.md, step 3).
          name = "ALPHAVANTAGE_API_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.alphavantage_api_key.secret_id
              version = "latest"
            }
          }
        }
      }
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_iam_member.extractor_alphavantage,
    google_artifact_registry_repository_iam_member.extractor_pull,
  ]
}
