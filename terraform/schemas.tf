# The gold tables come from schemas/, the single source of truth shared with the C# code and the DAGs.
# Every schemas/gold/<table>.table.json (key, partitioning, clustering, checks) has a <table>.schema.json
# (BigQuery JSON schema) beside it; adding a table there adds it here with no change to this file.
# This file uses no provider, so tests/terraform evaluates it with a real, offline `terraform apply`.
locals {
  schemas_dir = "${path.module}/../schemas/gold"

  gold_table_metadata = {
    for file in fileset(local.schemas_dir, "*.table.json") :
    trimsuffix(file, ".table.json") => jsondecode(file("${local.schemas_dir}/${file}"))
  }

  gold_tables = {
    for name, table in local.gold_table_metadata : name => {
      description  = table.description
      layer        = table.layer
      partitioning = table.partitioning
      # BigQuery rejects an empty clustering list: no clustering columns means no clustering block.
      clustering  = try(length(table.clustering), 0) > 0 ? table.clustering : null
      schema_file = "${local.schemas_dir}/${name}.schema.json"
    }
  }
}
