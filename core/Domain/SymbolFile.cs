namespace StockLakehouse.Core.Domain;

/// <summary>
/// The lines of a symbols file: one symbol per line, or a CSV whose first column is the symbol. <c>#</c> starts a
/// comment, blank lines and a <c>symbol</c> header are skipped, and a quoted first field (<c>"MSFT"</c>, as
/// spreadsheets write CSV) is unquoted as RFC 4180 says, doubled quotes included.
/// </summary>
public static class SymbolFile
{
    /// <summary>The symbol texts of <paramref name="lines"/>, in order, not yet validated (see <see cref="Symbol.TryParse"/>).</summary>
    public static IEnumerable<string> Texts(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var text = FirstField(line.TrimStart());
            if (text.Length > 0 && !text.Equals("symbol", StringComparison.OrdinalIgnoreCase))
            {
                yield return text;
            }
        }
    }

    private static string FirstField(string line)
    {
        if (!line.StartsWith('"'))
        {
            return line.Split('#')[0].Split(',')[0].Trim();
        }

        var field = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                field.Append(line[i]);
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                return field.ToString().Trim();
            }
        }

        // An unclosed quote: the text as written, for Symbol.TryParse to refuse with it named.
        return line.Trim();
    }
}
