namespace StockLakehouse.Core.Lake;

/// <summary>Validates object keys so that no key escapes the lake root or collides with staging files.</summary>
public static class ObjectKey
{
    public const string StagingPrefix = ".staging-";

    public static string Validate(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.StartsWith('/') || key.Contains('\\') || key.EndsWith('/'))
        {
            throw new ArgumentException($"Object key '{key}' must be a relative '/'-separated path to an object.", nameof(key));
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.StartsWith(StagingPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Object key '{key}' has an empty, relative or reserved segment '{segment}'.", nameof(key));
            }
        }

        return key;
    }

    /// <summary>
    /// Escapes a value for a Hive-style <c>name=value</c> path segment: characters other than letters, digits,
    /// '.', '-' and '_' become %XX, so <c>EURUSD=X</c> stays one unambiguous segment.
    /// </summary>
    public static string EscapeSegmentValue(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                builder.Append(c);
            }
            else
            {
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }
}
