resource "google_bigquery_dataset" "warehouse" {
  dataset_id  = var.dataset_id
  location    = var.bigquery_location
  description = "StockLakehouse gold star schema (tables from schemas/gold), load staging tables and mart views."

  # Never drop tables with the dataset: the tables carry their own deletion protection.
  delete_contents_on_destroy = false

  depends_on = [google_project_service.apis]
}

# One table per schemas/gold/<table>.table.json. Columns, modes and descriptions come from the
# <table>.schema.json beside it; partitioning (MONTH on the declared field) and clustering come from the
# table metadata, so nothing here repeats a column name.
resource "google_bigquery_table" "gold" {
  for_each = local.gold_tables

  dataset_id          = google_bigquery_dataset.warehouse.dataset_id
  table_id            = each.key
  description         = each.value.description
  schema              = file(each.value.schema_file)
  clustering          = each.value.clustering
  deletion_protection = var.deletion_protection

  dynamic "time_partitioning" {
    for_each = each.value.partitioning == null ? [] : [each.value.partitioning]
    content {
      type  = time_partitioning.value.type
      field = time_partitioning.value.field
    }
  }

  labels = { layer = each.value.layer }
}
