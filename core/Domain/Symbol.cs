namespace StockLakehouse.Core.Domain;

/// <summary>
/// A ticker symbol as the lakehouse stores it: upper case, 1–20 characters of letters, digits and
/// <c>. - ^ =</c> (Yahoo spells class shares BRK-B and indices ^GSPC).
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

        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '='))
            {
                return false;
            }
        }

        symbol = new Symbol(trimmed);
        return true;
    }

    public static Symbol Parse(string text) =>
        TryParse(text, out var symbol)
            ? symbol
            : throw new FormatException(
                $"'{text}' is not a ticker symbol: expected 1–{MaxLength} letters, digits or . - ^ =.");

    public override string ToString() => Value ?? string.Empty;
}
