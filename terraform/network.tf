# Dataproc Serverless prerequisites: a subnetwork with Private Google Access (the batches have no external
# IPs and reach GCS, BigQuery and Artifact Registry through Google's private path) and a firewall rule that
# lets the Spark driver and executors talk to each other on all ports inside the subnetwork.

resource "google_compute_network" "lakehouse" {
  name                    = "${var.name_prefix}-net"
  auto_create_subnetworks = false

  depends_on = [google_project_service.apis]
}

resource "google_compute_subnetwork" "dataproc" {
  name                     = "${var.name_prefix}-dataproc"
  region                   = var.region
  network                  = google_compute_network.lakehouse.id
  ip_cidr_range            = var.network_cidr
  private_ip_google_access = true
}

resource "google_compute_firewall" "dataproc_internal" {
  name          = "${var.name_prefix}-dataproc-internal"
  network       = google_compute_network.lakehouse.id
  direction     = "INGRESS"
  source_ranges = [var.network_cidr]
  description   = "Spark driver and executors of Dataproc Serverless batches talk to each other on all ports."

  allow {
    protocol = "all"
  }
}
