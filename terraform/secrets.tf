# The Alpha Vantage API key. Terraform creates only the secret container: the value is added out of band
# (README.md, step 3) so it never appears in code, plans or state.
resource "google_secret_manager_secret" "alphavantage_api_key" {
  secret_id = "${var.name_prefix}-alphavantage-api-key"

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}
