namespace StockLakehouse.Core.Domain;

/// <summary>
/// A ticker symbol as the lakehouse stores it: upper case, 1–20 characters of letters, digits and
/// <c>. - ^ =</c> (Yahoo spells class shares BRK-B and indices ^GSPC), with at least one letter or digit and no
/// leading dot. A symbol becomes a path segment of URLs (<c>/v8/finance/chart/{symbol}</c>) and of lake keys, so
/// <c>.</c>, <c>..</c> and a hidden name such as <c>.A</c> are not symbols.
/// </summary>
public readonly record struct Symbol
{
    public const int MaxLength = 20;

    private Symbol(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Symbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().ToUpperInvariant();
        if (trimmed.Length > MaxLength)
        {
            return false;
        }

        var letterOrDigit = false;
        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '='))
            {
                return false;
            }

            letterOrDigit |= char.IsAsciiLetterOrDigit(c);
        }

        if (!letterOrDigit || trimmed[0] == '.')
        {
            return false;
        }

        symbol = new Symbol(trimmed);
        return true;
    }

    public static Symbol Parse(string text) =>
        TryParse(text, out var symbol)
            ? symbol
            : throw new FormatException(
                $"'{text}' is not a ticker symbol: {Rule}.");

    /// <summary>What a symbol must be, as a phrase for error messages.</summary>
    public static string Rule => $"1–{MaxLength} letters, digits or . - ^ =, with a letter or digit and no leading dot";

    public override string ToString() => Value ?? string.Empty;
}
