output "lake_bucket" {
  description = "Bucket of the lake (raw/, silver/, gold/, _runs/, _quarantine/): the --bucket of `lakehouse deploy`."
  value       = google_storage_bucket.lake.name
}

output "bigquery_dataset" {
  description = "project:dataset of the warehouse."
  value       = "${var.project_id}:${google_bigquery_dataset.warehouse.dataset_id}"
}

output "bigquery_tables" {
  description = "The gold tables created from schemas/gold."
  value       = sort(keys(google_bigquery_table.gold))
}

output "artifact_registry" {
  description = "Docker repository to push the extractor and spark-dotnet images to."
  value       = local.registry_url
}

output "extractor_image" {
  description = "Image the extractor Cloud Run job runs."
  value       = local.extractor_image
}

output "spark_image" {
  description = "Custom container the DAGs give the Dataproc Serverless batches."
  value       = local.spark_image
}

output "extractor_job" {
  description = "Name of the extractor Cloud Run job."
  value       = google_cloud_run_v2_job.extractor.name
}

output "alphavantage_secret" {
  description = "Secret Manager secret to add the Alpha Vantage key to (gcloud secrets versions add … --data-file=-)."
  value       = google_secret_manager_secret.alphavantage_api_key.secret_id
}

output "dataproc_subnetwork" {
  description = "Subnetwork (Private Google Access) the Dataproc Serverless batches run in."
  value       = google_compute_subnetwork.dataproc.id
}

output "service_accounts" {
  description = "E-mail of each component's service account."
  value = {
    extractor = google_service_account.extractor.email
    dataproc  = google_service_account.dataproc.email
    loader    = google_service_account.loader.email
    composer  = google_service_account.composer.email
  }
}

output "composer_environment" {
  description = "Name of the Cloud Composer 3 environment."
  value       = google_composer_environment.lakehouse.name
}

output "composer_dag_gcs_prefix" {
  description = "gs:// folder to upload dags/ (with dags/generated/) to."
  value       = google_composer_environment.lakehouse.config[0].dag_gcs_prefix
}

output "airflow_uri" {
  description = "Airflow web UI of the Composer environment."
  value       = google_composer_environment.lakehouse.config[0].airflow_uri
}
