# One service account per component, each with only what that component does (no primitive roles):
#
#   extractor  Cloud Run job   creates objects under raw/ and _runs/ (create-only: no delete, so no
#                              overwrite), reads the lake, reads the Alpha Vantage key
#   dataproc   Spark batches   reads the lake, replaces partitions everywhere but raw/
#   loader     BigQuery jobs   reads gold Parquet, loads staging tables, MERGEs into the dataset, runs checks
#   composer   Airflow         starts the Cloud Run job and Dataproc batches (as the dataproc account), and
#                              impersonates the loader for BigQuery; it touches no data itself

resource "google_service_account" "extractor" {
  account_id   = "${var.name_prefix}-extractor"
  display_name = "StockLakehouse extractor (Cloud Run job)"
}

resource "google_service_account" "dataproc" {
  account_id   = "${var.name_prefix}-dataproc"
  display_name = "StockLakehouse silver and gold jobs (Dataproc Serverless)"
}

resource "google_service_account" "loader" {
  account_id   = "${var.name_prefix}-bq-loader"
  display_name = "StockLakehouse BigQuery loads, merges and checks"
}

resource "google_service_account" "composer" {
  account_id   = "${var.name_prefix}-composer"
  display_name = "StockLakehouse Cloud Composer environment"
}

# ---- extractor ----------------------------------------------------------------------------------------

resource "google_storage_bucket_iam_member" "extractor_lake_read" {
  # Landing checks whether a request's raw object already exists before fetching it.
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.extractor.member
}

resource "google_storage_bucket_iam_member" "extractor_raw_create" {
  # Create-only: objectCreator has no delete, so the extractor can never overwrite a raw object, and it
  # creates nothing outside raw/, its request markers and its own run records.
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectCreator"
  member = google_service_account.extractor.member

  condition {
    title       = "raw-markers-and-run-records-only"
    description = "The extractor lands raw responses under raw/, marks landed requests under _state/requests/ and writes its run manifest under _runs/."
    expression  = "resource.name.startsWith(\"${local.lake_objects}raw/\") || resource.name.startsWith(\"${local.lake_objects}_state/requests/\") || resource.name.startsWith(\"${local.lake_objects}_runs/\")"
  }
}

resource "google_storage_bucket_iam_member" "extractor_watermarks" {
  # A watermark is one small object per (source, dataset, symbol) that moves forward on every landing: an
  # overwrite, which needs delete. The lake's writer lock (_state/writer.lock, taken by every writing command on a
  # gs:// lake) is created, renewed and released by generation-matched replaces: the same. objectUser, and only
  # under _state/watermarks/ and on that one object.
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectUser"
  member = google_service_account.extractor.member

  condition {
    title       = "watermarks-and-writer-lock-only"
    description = "The extractor moves its watermarks under _state/watermarks/ and holds the lake's writer lock _state/writer.lock."
    expression  = "resource.name.startsWith(\"${local.lake_objects}_state/watermarks/\") || resource.name == \"${local.lake_objects}_state/writer.lock\""
  }
}

resource "google_secret_manager_secret_iam_member" "extractor_alphavantage" {
  secret_id = google_secret_manager_secret.alphavantage_api_key.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.extractor.member
}

resource "google_artifact_registry_repository_iam_member" "extractor_pull" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = google_service_account.extractor.member
}

# ---- dataproc ----------------------------------------------------------------------------------------

resource "google_project_iam_member" "dataproc_worker" {
  # Required by Dataproc Serverless for the batch's own service account. Note: this predefined role also
  # carries Cloud Storage object permissions project-wide, so the bucket-level conditions below document the
  # intent but do not by themselves stop the Spark jobs from writing raw/; a custom role without the storage
  # permissions (or an IAM deny policy on raw/) is what enforces it.
  project = var.project_id
  role    = "roles/dataproc.worker"
  member  = google_service_account.dataproc.member
}

resource "google_storage_bucket_iam_member" "dataproc_lake_read" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.dataproc.member
}

resource "google_storage_bucket_iam_member" "dataproc_lake_write" {
  # Replacing a partition file deletes the old object: objectAdmin, on this bucket only, and never on raw/,
  # which the Spark jobs read but must not change.
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.dataproc.member

  condition {
    title       = "everything-but-raw"
    description = "silver/, gold/, _runs/ and _quarantine/; not raw/, which the Spark jobs only read."
    expression  = "!resource.name.startsWith(\"${local.lake_objects}raw/\")"
  }
}

resource "google_artifact_registry_repository_iam_member" "dataproc_pull" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = google_service_account.dataproc.member
}

# ---- loader ------------------------------------------------------------------------------------------

resource "google_project_iam_member" "loader_job_user" {
  # Running a job can only be granted on the project; what the job may touch is granted on the dataset.
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.loader.member
}

resource "google_bigquery_dataset_iam_member" "loader_data_editor" {
  dataset_id = google_bigquery_dataset.warehouse.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = google_service_account.loader.member
}

resource "google_storage_bucket_iam_member" "loader_lake_read" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.loader.member
}

# ---- composer ----------------------------------------------------------------------------------------

resource "google_project_iam_member" "composer_worker" {
  project = var.project_id
  role    = "roles/composer.worker"
  member  = google_service_account.composer.member
}

resource "google_service_account_iam_member" "composer_service_agent" {
  # Lets Cloud Composer's service agent run the environment as this user-managed account.
  service_account_id = google_service_account.composer.name
  role               = "roles/composer.ServiceAgentV2Ext"
  member             = "serviceAccount:service-${data.google_project.current.number}@cloudcomposer-accounts.iam.gserviceaccount.com"

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "composer_dataproc_batches" {
  # Create and watch Serverless batches; unlike roles/dataproc.editor, no clusters, jobs or workflow templates.
  project = var.project_id
  role    = "roles/dataproc.serverlessEditor"
  member  = google_service_account.composer.member
}

resource "google_service_account_iam_member" "composer_acts_as_dataproc" {
  # A batch runs as the dataproc account; whoever creates it must be allowed to act as that account.
  service_account_id = google_service_account.dataproc.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.composer.member
}

resource "google_cloud_run_v2_job_iam_member" "composer_runs_extractor" {
  # Run the one extractor job with per-run arguments (the logical date), nothing else in Cloud Run.
  project  = var.project_id
  location = google_cloud_run_v2_job.extractor.location
  name     = google_cloud_run_v2_job.extractor.name
  role     = "roles/run.jobsExecutorWithOverrides"
  member   = google_service_account.composer.member
}

resource "google_project_iam_member" "composer_run_viewer" {
  # Poll the execution the operator started (run.operations.get, run.executions.get): read-only.
  project = var.project_id
  role    = "roles/run.viewer"
  member  = google_service_account.composer.member
}

resource "google_service_account_iam_member" "composer_impersonates_loader" {
  # The BigQuery tasks run with impersonation_chain = loader, so Composer itself holds no data access.
  service_account_id = google_service_account.loader.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = google_service_account.composer.member
}
