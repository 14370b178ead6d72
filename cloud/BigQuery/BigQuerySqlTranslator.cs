using System.Text;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// Turns SQL written in the subset DuckDB and BigQuery share (the checks of core/Checks, the marts of
/// schemas/marts) into GoogleSQL for one dataset: DuckDB's double-quoted identifiers become backtick-quoted,
/// <c>''</c> inside string literals becomes <c>\'</c>, and every known table or view named right after FROM or
/// JOIN (or INTO, UPDATE and USING in DML) is qualified with the dataset, and <c>information_schema.tables</c> becomes the
/// dataset's <c>INFORMATION_SCHEMA.TABLES</c>. Comments and literals are copied, never rewritten.
/// </summary>
/// <remarks>
/// Only names in <c>relations</c> are qualified, so a CTE, a subquery alias or <c>EXTRACT(DAY FROM full_date)</c>
/// is left alone. Comma joins (<c>FROM a, b</c>) are not recognised; the shared SQL uses explicit JOINs.
/// </remarks>
public sealed class BigQuerySqlTranslator
{
    private readonly BigQueryDataset _dataset;
    private readonly HashSet<string> _relations;

    public BigQuerySqlTranslator(BigQueryDataset dataset, IEnumerable<string> relations)
    {
        _dataset = dataset;
        _relations = relations.ToHashSet(StringComparer.Ordinal);
    }

    public string Translate(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var output = new StringBuilder(sql.Length + 64);
        string? previousWord = null;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && At(sql, i + 1, '-'))
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                output.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                output.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '\'')
            {
                i = CopyStringLiteral(sql, i, output);
                previousWord = null;
            }
            else if (c == '"')
            {
                var (name, next) = ReadQuoted(sql, i, '"');
                output.Append(Relation(name, previousWord, sql, next) ?? BigQuerySql.Identifier(name));
                previousWord = name;
                i = next;
            }
            else if (c == '`')
            {
                var (name, next) = ReadQuoted(sql, i, '`');
                output.Append(sql, i, next - i);
                previousWord = name;
                i = next;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                var word = sql[start..i];
                if (word.Equals("information_schema", StringComparison.OrdinalIgnoreCase) && AfterRelationKeyword(previousWord)
                    && string.Compare(sql, i, ".tables", 0, ".tables".Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    // The dataset's catalog: DuckDB's information_schema.tables is BigQuery's <dataset>.INFORMATION_SCHEMA.TABLES.
                    output.Append(BigQuerySql.Identifier($"{_dataset.Project}.{_dataset.Dataset}")).Append(".INFORMATION_SCHEMA.TABLES");
                    i += ".tables".Length;
                    previousWord = null;
                    continue;
                }

                output.Append(Relation(word, previousWord, sql, i) ?? word);
                previousWord = word;
            }
            else
            {
                output.Append(c);
                if (!char.IsWhiteSpace(c))
                {
                    previousWord = null;
                }

                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>The qualified name when <paramref name="name"/> is a known relation used as one, else null.</summary>
    private string? Relation(string name, string? previousWord, string sql, int next)
    {
        var qualifiedAlready = next < sql.Length && sql[next] == '.';
        return AfterRelationKeyword(previousWord) && !qualifiedAlready && _relations.Contains(name) ? _dataset.Table(name) : null;
    }

    /// <summary>Whether a name after <paramref name="previousWord"/> names a relation: FROM, JOIN, and the targets and sources of DML (INTO, UPDATE, USING).</summary>
    private static bool AfterRelationKeyword(string? previousWord) =>
        previousWord is not null && RelationKeywords.Contains(previousWord);

    private static readonly HashSet<string> RelationKeywords = new(["FROM", "JOIN", "INTO", "UPDATE", "USING"], StringComparer.OrdinalIgnoreCase);

    private static int CopyStringLiteral(string sql, int start, StringBuilder output)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == '\'')
            {
                if (At(sql, i + 1, '\''))
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                output.Append(BigQuerySql.Literal(value.ToString()));
                return i + 1;
            }

            value.Append(sql[i]);
            i++;
        }

        throw new FormatException($"The SQL has an unterminated string literal starting at offset {start}: {sql}");
    }

    private static (string Name, int Next) ReadQuoted(string sql, int start, char quote)
    {
        var name = new StringBuilder();
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (quote == '"' && At(sql, i + 1, '"'))
                {
                    name.Append('"');
                    i += 2;
                    continue;
                }

                return (name.ToString(), i + 1);
            }

            name.Append(sql[i]);
            i++;
        }

        throw new FormatException($"The SQL has an unterminated {quote}-quoted identifier starting at offset {start}: {sql}");
    }

    private static bool At(string sql, int index, char c) => index < sql.Length && sql[index] == c;
}
