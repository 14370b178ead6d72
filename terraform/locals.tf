locals {
  # The Airflow pool of the DAGs' writing steps (dags/lakehouse_dags/tasks.py WRITES_POOL).
  writes_pool = "lakehouse_writes"

  labels = merge({ app = "stocklakehouse", managed-by = "terraform" }, var.labels)

  # Buckets are global: the project id makes the names unique.
  lake_bucket_name = "${var.project_id}-${var.name_prefix}-lake"

  # How IAM conditions name the lake's objects: projects/_/buckets/<bucket>/objects/<object name>.
  lake_objects = "projects/_/buckets/${local.lake_bucket_name}/objects/"

  registry_url    = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
  extractor_image = var.extractor_image != "" ? var.extractor_image : "${local.registry_url}/extractor:latest"
  spark_image     = var.spark_image != "" ? var.spark_image : "${local.registry_url}/spark-dotnet:latest"
}
