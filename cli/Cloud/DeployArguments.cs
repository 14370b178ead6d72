using System.Globalization;
using System.Text.RegularExpressions;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Deploy;

namespace StockLakehouse.Cli.Cloud;

/// <summary>Checks the deploy's arguments against Google Cloud's naming rules before anything is read or sent, with a sentence per problem.</summary>
internal static partial class DeployArguments
{
    public static DeployOptions Resolve(
        string? date,
        string? project,
        string? region,
        string? location,
        string? bucket,
        string? dataset,
        string output,
        string? containerImage,
        string? serviceAccount,
        string? subnetwork,
        int attempt,
        bool skipSpark)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"--date '{date}' is not a date in the form yyyy-MM-dd.");
        }

        Require(project, "--project", ProjectId(), "a Google Cloud project id (6-30 characters of lower-case letters, digits and hyphens, starting with a letter)");
        Require(region, "--region", Region(), "a Google Cloud region such as europe-west1");
        Require(dataset, "--dataset", DatasetId(), "a BigQuery dataset id (letters, digits and underscores)");
        if (bucket is not null && bucket.StartsWith("gs://", StringComparison.Ordinal))
        {
            throw new UsageException($"--bucket '{bucket}' must be the bucket's name without gs://.");
        }

        Require(bucket, "--bucket", BucketName(), "a Cloud Storage bucket name (3-63 characters of lower-case letters, digits, '-', '_' and '.')");
        if (attempt < 1)
        {
            throw new UsageException($"--attempt {attempt} must be 1 or more.");
        }

        var conventional = DataprocEnvironment.Conventional(project!, region!);
        var environment = new DataprocEnvironment(containerImage ?? conventional.ContainerImage, serviceAccount ?? conventional.ServiceAccount, subnetwork ?? conventional.SubnetworkUri);
        return new DeployOptions(day, Path.Combine(output, "lake"), project!, region!, location ?? region!, bucket!, dataset!, environment, attempt, !skipSpark);
    }

    private static void Require(string? value, string option, Regex rule, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"{option} is required: {what}.");
        }

        if (!rule.IsMatch(value))
        {
            throw new UsageException($"{option} '{value}' is not {what}.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectId();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]+$")]
    private static partial Regex Region();

    [GeneratedRegex("^[A-Za-z0-9_]{1,1024}$")]
    private static partial Regex DatasetId();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
