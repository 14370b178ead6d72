using System.Text;

namespace StockLakehouse.Core.Reference;

/// <summary>A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF) with a header row.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string source, string[] header, List<string[]> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!_columns.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"'{source}' names the column '{header[i]}' twice in its header.");
            }
        }
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The reference file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    public static CsvTable Parse(string text, string source)
    {
        var records = ReadRecords(text, source);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"'{source}' is empty: expected a header row.");
        }

        var header = records[0].Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length == 1 && records[i][0].Length == 0)
            {
                continue;
            }

            if (records[i].Length != header.Length)
            {
                throw new InvalidDataException($"'{source}' line {i + 1} has {records[i].Length} fields; the header has {header.Length}.");
            }

            rows.Add(records[i]);
        }

        return new CsvTable(source, header, rows);
    }

    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InvalidDataException($"'{Source}' has no column '{name}'; its header is {string.Join(",", Header)}.");

    public int? OptionalColumn(string name) => _columns.TryGetValue(name, out var index) ? index : null;

    private static List<string[]> ReadRecords(string text, string source)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                line++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"'{source}' ends inside a quoted field opened before line {line}.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
