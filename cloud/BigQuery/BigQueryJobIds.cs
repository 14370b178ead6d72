using System.Globalization;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// Job ids that say what a job did and when: <c>lakehouse_&lt;purpose&gt;_&lt;yyyyMMdd_HHmmss&gt;_&lt;8 hex&gt;</c>.
/// The random tail keeps two deploys in the same second apart; the readable head finds a job in the console.
/// </summary>
public sealed class BigQueryJobIds
{
    private readonly TimeProvider _clock;

    public BigQueryJobIds(TimeProvider clock)
    {
        _clock = clock;
    }

    public string Next(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var safe = new string(purpose.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var stamp = _clock.GetUtcNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        return $"lakehouse_{safe}_{stamp}_{Guid.NewGuid().ToString("N")[..8]}";
    }
}
