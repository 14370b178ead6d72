namespace StockLakehouse.Cloud.Auth;

/// <summary>The OAuth 2.0 scopes the cloud path asks for.</summary>
public static class GoogleScopes
{
    /// <summary>Every Google Cloud API the credential's IAM roles allow (GCS, BigQuery, Dataproc).</summary>
    public const string CloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
}
