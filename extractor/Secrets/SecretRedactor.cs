using System.Text.RegularExpressions;

namespace StockLakehouse.Extractor.Secrets;

/// <summary>
/// Removes secrets from text that leaves a source: the value of every <c>apikey=</c> query parameter, and the
/// literal values of the secrets it was given (Alpha Vantage echoes the key in its daily-cap notice).
/// Everything a source stores or logs — URLs, verdict details, exception messages — passes through here.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "REDACTED";

    /// <summary>Shorter "secrets" are not masked as literals: they would mangle ordinary words.</summary>
    private const int MinimumLiteralLength = 6;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets.Where(s => s.Length >= MinimumLiteralLength).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A redactor that knows no literal secrets and masks only key parameters in URLs.</summary>
    public static SecretRedactor UrlsOnly { get; } = new([]);

    /// <summary>Masks the value of every api key query parameter in <paramref name="text"/>.</summary>
    public static string RedactUrls(string text) => KeyParameter().Replace(text, "${name}" + Mask);

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = RedactUrls(text);
        foreach (var secret in _secrets)
        {
            redacted = redacted.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret)
            {
                redacted = redacted.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }

        return redacted;
    }

    [GeneratedRegex(@"(?<name>\bapi[_-]?key=)[^&#\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyParameter();
}
