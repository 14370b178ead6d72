# Cloud Composer 3 runs the DAGs in ../dags. The DAGs read their configuration from these environment
# variables (dags/lakehouse_dags/config.py), so the same DAG files deploy to any project.
resource "google_composer_environment" "lakehouse" {
  name   = "${var.name_prefix}-composer"
  region = var.region
  labels = local.labels

  config {
    environment_size = var.composer_environment_size

    software_config {
      image_version = var.composer_image_version

      # The generated Dataproc batches set executionConfig.authenticationConfig, which the Dataproc client
      # library knows from google-cloud-dataproc 5.18.0 on; the floor holds whatever the image bundles.
      pypi_packages = {
        google-cloud-dataproc = ">=5.18.0"
      }

      airflow_config_overrides = {
        # A new or re-uploaded DAG never starts by surprise; unpause it deliberately (README.md, step 7).
        core-dags_are_paused_at_creation = "True"
      }

      env_variables = {
        LAKEHOUSE_PROJECT         = var.project_id
        LAKEHOUSE_REGION          = var.region
        LAKEHOUSE_BQ_LOCATION     = var.bigquery_location
        LAKEHOUSE_BQ_DATASET      = google_bigquery_dataset.warehouse.dataset_id
        LAKEHOUSE_BQ_SA           = google_service_account.loader.email
        LAKEHOUSE_LAKE_BUCKET     = google_storage_bucket.lake.name
        LAKEHOUSE_EXTRACTOR_JOB   = google_cloud_run_v2_job.extractor.name
        LAKEHOUSE_DATAPROC_SA     = google_service_account.dataproc.email
        LAKEHOUSE_DATAPROC_SUBNET = google_compute_subnetwork.dataproc.id
        LAKEHOUSE_SPARK_IMAGE     = local.spark_image
        LAKEHOUSE_ALERT_EMAIL     = var.alert_email
      }
    }

    # The smallest shape: tasks only submit work to Cloud Run, Dataproc and BigQuery and wait for it.
    workloads_config {
      scheduler {
        cpu        = 0.5
        memory_gb  = 2
        storage_gb = 1
        count      = 1
      }
      web_server {
        cpu        = 0.5
        memory_gb  = 2
        storage_gb = 1
      }
      worker {
        cpu        = 0.5
        memory_gb  = 2
        storage_gb = 1
        min_count  = 1
        max_count  = var.composer_worker_max_count
      }
      # The deferrable Dataproc batch tasks wait in the triggerer, not on a worker.
      triggerer {
        cpu       = 0.5
        memory_gb = 1
        count     = 1
      }
    }

    node_config {
      service_account = google_service_account.composer.email
    }
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.composer_worker,
    google_service_account_iam_member.composer_service_agent,
  ]
}

# The one-slot Airflow pool the Spark batches and every warehouse task share (dags/lakehouse_dags/tasks.py,
# WRITES_POOL), so a backfill and a daily run never write the same partitions or tables at once. Neither the
# Google provider nor the Composer API manages Airflow pools, so apply creates it through the Airflow CLI in
# the environment (gcloud on the machine that runs terraform apply); `pools set` is idempotent.
# --include-deferred (Airflow 2.7+) makes a deferred task keep its slot: the Spark batches run deferrable, and
# without it a batch waiting on the triggerer frees the slot, so a second run's writes could start meanwhile.
resource "terraform_data" "airflow_pool" {
  triggers_replace = [google_composer_environment.lakehouse.id, local.writes_pool]

  provisioner "local-exec" {
    command = "gcloud composer environments run ${google_composer_environment.lakehouse.name} --project ${var.project_id} --location ${var.region} pools -- set ${local.writes_pool} 1 'StockLakehouse: Spark batches and warehouse writes, one at a time' --include-deferred"
  }
}
