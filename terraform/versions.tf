terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }

  # State stays local by default. For a team, keep it in a GCS bucket created out of band, e.g.
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="prefix=stocklakehouse"
  # after uncommenting:
  # backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = local.labels
}
