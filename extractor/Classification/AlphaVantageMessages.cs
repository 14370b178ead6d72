using System.Text.Json;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Alpha Vantage answers every error with HTTP 200 and a one-field JSON body. "Error Message" is a bad call
/// (for our fixed calls: an unknown symbol, or a bad key); "Note" and "Information" carry throttling, the daily
/// cap and premium-only notices, told apart by their wording. The per-minute note mentions the daily limit
/// too ("5 calls per minute and 500 calls per day"), and the daily cap mentions premium plans, so the checks
/// run in the order throttle, daily cap, premium.
/// </summary>
internal sealed class AlphaVantageMessages
{
    private const int MaxMessageChars = 200;

    public AlphaVantageMessages(TimeSpan perMinuteWait, TimeSpan perSecondWait)
    {
        PerMinuteWait = perMinuteWait;
        PerSecondWait = perSecondWait;
    }

    /// <summary>How long to wait after a per-minute throttle notice (the notice gives no Retry-After).</summary>
    public TimeSpan PerMinuteWait { get; }

    /// <summary>How long to wait after a burst (per-second) notice.</summary>
    public TimeSpan PerSecondWait { get; }

    public static AlphaVantageMessages Default { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2));

    /// <summary>The verdict for an Alpha Vantage message body, or null when <paramref name="root"/> is not one.</summary>
    public ResponseVerdict? Classify(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (TryText(root, "Error Message", out var error))
        {
            return error.Contains("apikey", StringComparison.OrdinalIgnoreCase)
                ? new ResponseVerdict(RequestOutcome.Unauthorized, $"Alpha Vantage rejected the API key: \"{error}\"")
                : new ResponseVerdict(RequestOutcome.SymbolRejected, $"Alpha Vantage rejected the request (unknown symbol): \"{error}\"");
        }

        if (!TryText(root, "Note", out var notice) && !TryText(root, "Information", out notice))
        {
            return null;
        }

        if (notice.Contains("per minute", StringComparison.OrdinalIgnoreCase))
        {
            return new ResponseVerdict(RequestOutcome.Throttled, $"Alpha Vantage's per-minute limit: \"{notice}\"") { RetryAfter = PerMinuteWait };
        }

        if (notice.Contains("per second", StringComparison.OrdinalIgnoreCase)
            || notice.Contains("sparingly", StringComparison.OrdinalIgnoreCase)
            || notice.Contains("burst", StringComparison.OrdinalIgnoreCase))
        {
            return new ResponseVerdict(RequestOutcome.Throttled, $"Alpha Vantage's burst limit: \"{notice}\"") { RetryAfter = PerSecondWait };
        }

        if (notice.Contains("per day", StringComparison.OrdinalIgnoreCase))
        {
            return new ResponseVerdict(
                RequestOutcome.DailyCapReached,
                $"Alpha Vantage's daily request cap is reached; the source stops for this run and the next run resumes: \"{notice}\"");
        }

        if (notice.Contains("premium", StringComparison.OrdinalIgnoreCase))
        {
            return new ResponseVerdict(
                RequestOutcome.PremiumOnly,
                $"Alpha Vantage serves this request only on a premium plan (outputsize=full is premium; use compact): \"{notice}\"");
        }

        return new ResponseVerdict(RequestOutcome.UnexpectedContent, $"Alpha Vantage answered with an unrecognised notice: \"{notice}\"");
    }

    private static bool TryText(JsonElement root, string name, out string text)
    {
        text = string.Empty;
        if (!root.TryGetProperty(name, out var value))
        {
            return false;
        }

        text = (value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText()).ReplaceLineEndings(" ");
        if (text.Length > MaxMessageChars)
        {
            text = text[..MaxMessageChars] + "…";
        }

        return true;
    }
}
