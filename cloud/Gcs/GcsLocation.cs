namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// A bucket and an optional object-name prefix, written <c>gs://bucket</c> or <c>gs://bucket/some/prefix</c>.
/// The prefix has no leading or trailing '/'; object keys are appended to it after one '/'.
/// </summary>
public sealed record GcsLocation
{
    public GcsLocation(string bucket, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!IsValidBucketName(bucket))
        {
            throw new ArgumentException(
                $"'{bucket}' is not a bucket name: 3–63 characters (222 with dots) of lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
                nameof(bucket));
        }

        var trimmed = prefix.Trim('/');
        if (trimmed.Split('/').Any(segment => segment is "." or "..") || trimmed.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The object prefix '{prefix}' has an empty or relative segment.", nameof(prefix));
        }

        Bucket = bucket;
        Prefix = trimmed;
    }

    public string Bucket { get; }

    /// <summary>The object-name prefix without leading or trailing '/'; empty for the bucket's root.</summary>
    public string Prefix { get; }

    /// <summary>Parses <c>gs://bucket[/prefix]</c>.</summary>
    public static GcsLocation Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string scheme = "gs://";
        if (!uri.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new FormatException($"'{uri}' is not a gs:// location.");
        }

        var rest = uri[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new GcsLocation(rest) : new GcsLocation(rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>The object name that holds <paramref name="key"/>.</summary>
    public string ObjectName(string key) => Prefix.Length == 0 ? key : $"{Prefix}/{key}";

    /// <summary>The prefix every object under this location's keys starts with ("" or "prefix/").</summary>
    public string NamePrefix => Prefix.Length == 0 ? "" : Prefix + "/";

    public override string ToString() => Prefix.Length == 0 ? $"gs://{Bucket}" : $"gs://{Bucket}/{Prefix}";

    // Bucket naming rules: 3–63 characters (up to 222 with dots, each dot-separated part at most 63), lowercase
    // letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
    private static bool IsValidBucketName(string bucket) =>
        bucket.Length >= 3
        && bucket.Length <= (bucket.Contains('.', StringComparison.Ordinal) ? 222 : 63)
        && IsLowerLetterOrDigit(bucket[0])
        && IsLowerLetterOrDigit(bucket[^1])
        && bucket.All(c => IsLowerLetterOrDigit(c) || c is '-' or '_' or '.')
        && bucket.Split('.').All(part => part.Length is > 0 and <= 63);

    private static bool IsLowerLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
