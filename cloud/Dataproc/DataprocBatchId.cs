using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// Dataproc batch ids derived from a job name and a logical date: <c>&lt;job&gt;-&lt;yyyymmdd&gt;[-a&lt;attempt&gt;]</c>,
/// always valid for Dataproc — 4 to 63 characters of <c>[a-z0-9-]</c>, starting with a letter and ending with a
/// letter or digit. The id is a function of (job, date, attempt), so resubmitting the same day finds the batch
/// already there (HTTP 409) instead of running it twice; a new attempt is an explicit decision.
/// </summary>
public static partial class DataprocBatchId
{
    public const int MinLength = 4;
    public const int MaxLength = 63;

    private const string FallbackName = "batch";

    /// <summary>The id of attempt <paramref name="attempt"/> (1 = the first, which has no suffix) of <paramref name="job"/> for <paramref name="date"/>.</summary>
    public static string For(string job, DateOnly date, int attempt = 1) =>
        Compose(job, date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), attempt);

    public static bool IsValid(string id) => id.Length is >= MinLength and <= MaxLength && ValidId().IsMatch(id);

    private static string Compose(string job, string date, int attempt)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var suffix = "-" + date + (attempt == 1 ? string.Empty : "-a" + attempt.ToString(CultureInfo.InvariantCulture));
        // The date and the suffix always fit; the name gives way.
        var room = MaxLength - suffix.Length;
        return Name(job, room) + suffix;
    }

    /// <summary>Lower case, runs of anything outside [a-z0-9] as one '-', starting with a letter, at most <paramref name="room"/> characters, no trailing '-'.</summary>
    private static string Name(string job, int room)
    {
        var name = new StringBuilder(job.Length);
        foreach (var c in job.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var text = name.ToString().Trim('-');
        if (text.Length == 0 || !char.IsAsciiLetterLower(text[0]))
        {
            text = text.Length == 0 ? FallbackName : "b-" + text;
        }

        return text[..Math.Min(text.Length, room)].TrimEnd('-');
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
