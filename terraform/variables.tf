# Every input of the stack. Only project_id has no default; terraform.tfvars.example shows a complete file.

variable "project_id" {
  description = "ID of the Google Cloud project that holds the whole lakehouse (one project per environment)."
  type        = string
}

variable "region" {
  description = "Region of every regional resource: buckets, Cloud Run, Dataproc Serverless, Composer, Artifact Registry. Pick one close to the BigQuery location."
  type        = string
  default     = "us-central1"
}

variable "bigquery_location" {
  description = "BigQuery location of the warehouse dataset. Load jobs read Parquet from the lake bucket, which lives in var.region: keep the two the same (or the dataset in the multi-region that contains the region)."
  type        = string
  default     = "us-central1"
}

variable "name_prefix" {
  description = "Prefix of every resource name (buckets add the project id for global uniqueness). Lowercase letters, digits and hyphens."
  type        = string
  default     = "lakehouse"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-20 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "dataset_id" {
  description = "BigQuery dataset that holds the gold tables, their load staging tables and the mart views."
  type        = string
  default     = "stock_lakehouse"
}

variable "labels" {
  description = "Labels added to every resource that supports them (cost attribution)."
  type        = map(string)
  default     = {}
}

variable "deletion_protection" {
  description = "Protect the BigQuery tables, the Cloud Run job and the buckets' contents from `terraform destroy`. Set to false only for a throwaway environment."
  type        = bool
  default     = true
}

variable "raw_nearline_after_days" {
  description = "Age in days after which raw/ objects move to Nearline. The silver job re-reads a symbol's whole raw history on every run, and every read of a Nearline/Coldline/Archive object pays a retrieval fee: see the cost notes in README.md before lowering it."
  type        = number
  default     = 30
}

variable "raw_coldline_after_days" {
  description = "Age in days after which raw/ objects move to Coldline."
  type        = number
  default     = 90
}

variable "raw_archive_after_days" {
  description = "Age in days after which raw/ objects move to Archive."
  type        = number
  default     = 365
}

variable "raw_noncurrent_version_retention_days" {
  description = "Days a noncurrent (overwritten or deleted) raw/ object version is kept before it is deleted. Raw writes are create-only, so such versions only appear after a manual overwrite or delete."
  type        = number
  default     = 90
}

variable "replaced_version_retention_days" {
  description = "Days a replaced version of a silver/, gold/, _runs/ or _quarantine/ object is kept (every run replaces the silver and gold partition files)."
  type        = number
  default     = 7
}

variable "lake_logs_nearline_after_days" {
  description = "Age in days after which run manifests/logs (_runs/) and quarantined records (_quarantine/) in the lake bucket move to Nearline; they move to Coldline after 3x and Archive after 12x this age. Silver and gold partitions are replaced by every run and stay Standard."
  type        = number
  default     = 30
}

variable "network_cidr" {
  description = "Primary range of the subnetwork that Dataproc Serverless batches run in (Private Google Access on, no external IPs)."
  type        = string
  default     = "10.10.0.0/20"
}

variable "extractor_image" {
  description = "Container image of the extractor Cloud Run job, e.g. <region>-docker.pkg.dev/<project>/<repo>/extractor:<tag>. Empty means <artifact registry>/extractor:latest, which must be pushed before the job can be created (see README.md)."
  type        = string
  default     = ""
}

variable "spark_image" {
  description = "Custom container of the Dataproc Serverless batches (.NET worker + Microsoft.Spark). Empty means <artifact registry>/spark-dotnet:latest. Passed to the DAGs; Terraform does not create batches."
  type        = string
  default     = ""
}

variable "extractor_cpu" {
  description = "CPU limit of one extractor task."
  type        = string
  default     = "1"
}

variable "extractor_memory" {
  description = "Memory limit of one extractor task."
  type        = string
  default     = "1Gi"
}

variable "extractor_timeout_seconds" {
  description = "Maximum run time of one extractor task in seconds (a backfill window of many symbols needs more than a daily run)."
  type        = number
  default     = 3600
}

variable "extractor_max_retries" {
  description = "Retries of a failed extractor task inside one Cloud Run execution (landing is exactly-once, so a retry is safe)."
  type        = number
  default     = 1
}

variable "composer_image_version" {
  description = "Cloud Composer 3 image, pinned to a build (composer-3-airflow-<version>-build.<n>): a floating image changes the bundled provider and client libraries under the DAGs. build.10 bundles apache-airflow-providers-google 15.1.0 (README, Cloud)."
  type        = string
  default     = "composer-3-airflow-2.10.5-build.10"

  validation {
    condition     = can(regex("^composer-3-airflow-2\\.[0-9]+\\.[0-9]+-build\\.[0-9]+$", var.composer_image_version))
    error_message = "The DAGs are written for Cloud Composer 3 with Airflow 2, on a pinned build: use composer-3-airflow-2.<minor>.<patch>-build.<n>."
  }
}

variable "composer_environment_size" {
  description = "Size of Composer's managed infrastructure (Airflow database, web server): ENVIRONMENT_SIZE_SMALL is enough for these DAGs and is the cheapest."
  type        = string
  default     = "ENVIRONMENT_SIZE_SMALL"
}

variable "composer_worker_max_count" {
  description = "Maximum number of Airflow workers. The tasks only wait on Cloud Run, Dataproc and BigQuery, so one or two are enough."
  type        = number
  default     = 2
}

variable "alert_email" {
  description = "E-mail address notified when a DAG run or task fails. Empty creates the alert policies without a notification channel (visible in Cloud Monitoring only)."
  type        = string
  default     = ""
}
