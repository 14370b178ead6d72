# One bucket:
#   lake     the whole lake, one root as the code expects it (gs://<bucket>, see ARCHITECTURE.md "Lake
#            layout"): raw/ (immutable API responses), silver/, gold/, _runs/, _quarantine/. Versioned, so a
#            raw object that is overwritten or deleted by hand can be recovered.
# No staging bucket: Dataproc Serverless runtime 3.0 and later use none (README.md, Cloud).
# Uniform bucket-level access (required by the prefix-conditioned IAM in iam.tf), public access
# prevented, no ACLs.

resource "google_storage_bucket" "lake" {
  name                        = local.lake_bucket_name
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection

  versioning {
    enabled = true
  }

  # raw/: responses are written once and never rewritten, so they can age into colder classes. The silver
  # job re-reads a symbol's raw history on every run and colder classes charge per GB read: README.md,
  # "Costs", says when to raise these ages.
  lifecycle_rule {
    condition {
      age                   = var.raw_nearline_after_days
      matches_prefix        = ["raw/"]
      matches_storage_class = ["STANDARD"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }

  lifecycle_rule {
    condition {
      age                   = var.raw_coldline_after_days
      matches_prefix        = ["raw/"]
      matches_storage_class = ["NEARLINE"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
  }

  lifecycle_rule {
    condition {
      age                   = var.raw_archive_after_days
      matches_prefix        = ["raw/"]
      matches_storage_class = ["COLDLINE"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }
  }

  # _runs/ and _quarantine/: run manifests, logs and rejected records, written once and rarely read.
  lifecycle_rule {
    condition {
      age                   = var.lake_logs_nearline_after_days
      matches_prefix        = ["_runs/", "_quarantine/"]
      matches_storage_class = ["STANDARD"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }

  lifecycle_rule {
    condition {
      age                   = var.lake_logs_nearline_after_days * 3
      matches_prefix        = ["_runs/", "_quarantine/"]
      matches_storage_class = ["NEARLINE"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
  }

  lifecycle_rule {
    condition {
      age                   = var.lake_logs_nearline_after_days * 12
      matches_prefix        = ["_runs/", "_quarantine/"]
      matches_storage_class = ["COLDLINE"]
      with_state            = "LIVE"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }
  }

  # Noncurrent versions. silver/ and gold/ partitions are replaced by every run (one file per symbol), so
  # they stay Standard and their replaced versions go after a few days; a replaced raw version (only ever a
  # manual act) is kept longer.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.raw_noncurrent_version_retention_days
      matches_prefix             = ["raw/"]
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.replaced_version_retention_days
      matches_prefix             = ["silver/", "gold/", "_runs/", "_quarantine/"]
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}
