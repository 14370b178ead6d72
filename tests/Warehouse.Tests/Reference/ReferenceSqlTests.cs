using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using StockLakehouse.DuckDbReference;

namespace StockLakehouse.Warehouse.Tests.Reference;

/// <summary>
/// The DuckDB-SQL reference of <c>make bench</c> (tools/duckdb-reference) on three small chart files, so that the SQL
/// cannot rot between benches: it parses them, drops an invalid bar, keeps the later landing of a corrected bar, and
/// computes what it claims to (SMA as a plain mean, EMA 12 as TA-Lib seeds and continues it).
/// </summary>
public sealed class ReferenceSqlTests : IDisposable
{
    private const int Bars = 60;
    private const long FirstSession = 1577975400; // 2020-01-02 09:30 New York
    private readonly string _directory = Directory.CreateTempSubdirectory("reference-sql-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReferenceSql_SmallCharts_LoadsValidatedDeduplicatedBarsWithTheirIndicators()
    {
        var closes = Enumerable.Range(0, Bars).Select(i => 100 + (10 * Math.Sin(i * 0.3)) + (i * 0.1)).ToArray();
        WriteChart("AAA-run1.json", "AAA", closes, invalidAt: null);
        var corrected = (double[])closes.Clone();
        corrected[^1] += 1;
        WriteChart("AAA-run2.json", "AAA", corrected, invalidAt: null);
        WriteChart("BBB-run1.json", "BBB", closes, invalidAt: 30);
        var database = Path.Combine(_directory, "reference.duckdb");

        var result = await ReferenceRun.ExecuteAsync(database, Path.Combine(_directory, "*.json"), Path.Combine(AppContext.BaseDirectory, "reference.sql"), threads: 1, CancellationToken.None);

        // BBB's bar 30 has a high below its close and is dropped; AAA's second landing replaces its first.
        Assert.Equal((2 * Bars) - 1, result.Bars);
        Assert.Equal((2 * (Bars - 11)) - 1, result.BarsWithEma12);
        Assert.Equal((2 * (Bars - 49)) - 1, result.BarsWithSma50);
        var aaa = ReadSeries(database, "AAA");
        Assert.Equal(corrected[^1], aaa[^1].Close);
        Assert.Null(aaa[18].Sma20);
        Assert.Equal(corrected.Take(20).Average(), aaa[19].Sma20!.Value, 1e-9);
        Assert.Null(aaa[10].Ema12);
        var ema = corrected.Take(12).Average();
        Assert.Equal(ema, aaa[11].Ema12!.Value, 1e-9);
        for (var i = 12; i < Bars; i++)
        {
            ema += 2.0 / 13.0 * (corrected[i] - ema);
            Assert.Equal(ema, aaa[i].Ema12!.Value, 1e-9);
        }
    }

    private void WriteChart(string file, string symbol, double[] closes, int? invalidAt)
    {
        var timestamps = closes.Select((_, i) => FirstSession + (i * 86_400L)).ToArray();
        var high = closes.Select((c, i) => i == invalidAt ? c * 0.5 : c * 1.01).ToArray();
        var chart = new
        {
            chart = new
            {
                result = new[]
                {
                    new
                    {
                        meta = new { symbol, currency = "USD" },
                        timestamp = timestamps,
                        indicators = new
                        {
                            quote = new[] { new { open = closes, high, low = closes.Select(c => c * 0.99).ToArray(), close = closes, volume = closes.Select(_ => 1000.0).ToArray() } },
                            adjclose = new[] { new { adjclose = closes } },
                        },
                    },
                },
                error = (object?)null,
            },
        };
        File.WriteAllText(Path.Combine(_directory, file), JsonSerializer.Serialize(chart));
    }

    private static List<(double Close, double? Sma20, double? Ema12)> ReadSeries(string database, string symbol)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT adj_close, sma_20, ema_12 FROM {ReferenceRun.FactTable} WHERE symbol = $symbol ORDER BY trade_date");
        command.Parameters.Add(new DuckDBParameter("symbol", symbol));
        using var reader = command.ExecuteReader();
        var series = new List<(double, double?, double?)>();
        while (reader.Read())
        {
            series.Add((reader.GetDouble(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
        }

        return series;
    }
}
