# The APIs the stack uses. disable_on_destroy = false: destroying the stack must not switch off APIs other
# workloads in the project may use.
resource "google_project_service" "apis" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "composer.googleapis.com",
    "compute.googleapis.com",
    "dataproc.googleapis.com",
    # Dataproc Serverless runtime 3.0 requires it (its runtime page: "New dataprocrm.googleapis.com API
    # enablement is required").
    "dataprocrm.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])

  service            = each.value
  disable_on_destroy = false
}

data "google_project" "current" {
  project_id = var.project_id
}
