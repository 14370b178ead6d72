using StockLakehouse.Extractor.Catalog;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>
/// The Alpha Vantage API key, read from a secret file or an environment variable. It prints as
/// "[redacted]" so that a key passed to a log template or an interpolated string never leaks; only the
/// request builder reveals it, into the URL actually sent.
/// </summary>
public sealed class AlphaVantageKey
{
    /// <summary>The environment variable read when no secret file is given.</summary>
    public const string EnvironmentVariable = "ALPHAVANTAGE_API_KEY";

    private readonly string _value;

    private AlphaVantageKey(string value)
    {
        _value = value;
    }

    /// <summary>
    /// The key from <paramref name="secretFile"/> when given (its trimmed content), otherwise from the
    /// environment variable <paramref name="variable"/>.
    /// </summary>
    /// <exception cref="SourceConfigurationException">The file is missing or empty, or the variable is unset.</exception>
    public static AlphaVantageKey Resolve(string? secretFile, string variable, Func<string, string?> readEnvironment)
    {
        ArgumentNullException.ThrowIfNull(readEnvironment);
        if (!string.IsNullOrWhiteSpace(secretFile))
        {
            if (!File.Exists(secretFile))
            {
                throw new SourceConfigurationException($"The Alpha Vantage key file '{secretFile}' does not exist.");
            }

            var fromFile = File.ReadAllText(secretFile).Trim();
            return fromFile.Length > 0
                ? new AlphaVantageKey(fromFile)
                : throw new SourceConfigurationException($"The Alpha Vantage key file '{secretFile}' is empty.");
        }

        var fromEnvironment = readEnvironment(variable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment)
            ? throw new SourceConfigurationException(
                $"Alpha Vantage needs an API key: set the environment variable {variable} or pass a secret file.")
            : new AlphaVantageKey(fromEnvironment);
    }

    public override string ToString() => "[redacted]";

    /// <summary>The key itself, for the one place that builds the URL sent to Alpha Vantage.</summary>
    internal string Reveal() => _value;
}
