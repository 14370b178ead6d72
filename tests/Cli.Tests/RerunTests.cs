using System.Text.Json;

namespace StockLakehouse.Cli.Tests;

public sealed class RerunTests
{
    private static readonly string[] Symbols = ["AAPL", "KO", "BRK-B", "XOM"];

    private static string[] Args(string folder, ulong seed = 7) =>
        ["run", "--out", folder, "--symbols", string.Join(",", Symbols), "--start", "2024-06-01", "--end", "2024-12-31", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parallelism", "2"];

    private static string Temp() => Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    private static string FactFingerprint(string folder) =>
        Warehouse.Fingerprint(Path.Combine(folder, "warehouse", "lakehouse.duckdb"), "fact_stock_price", "symbol, trade_date");

    [Fact]
    public async Task Transform_WithoutSymbols_RebuildsGoldForASymbolWhoseRawIsGone()
    {
        var folder = Temp();
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync("run", "--out", folder, "--symbols", "KO,PEP", "--start", "2024-11-01", "--end", "2024-12-31")).ExitCode);
            foreach (var raw in Directory.EnumerateFiles(Path.Combine(folder, "lake", "raw"), "PEP-*", SearchOption.AllDirectories))
            {
                File.Delete(raw);
            }

            // Gold skips a symbol whose inputs did not change, so PEP's facts must be missing for it to have work to do.
            var fact = Path.Combine(folder, "lake", "gold", "fact_stock_price", "symbol=PEP", "part-0.parquet");
            File.Delete(fact);

            var (code, output, error) = await CliRunner.RunAsync("transform", "--out", folder, "--end", "2024-12-31");

            Assert.True(code == ExitCodes.Success, error);
            Assert.Contains(": 2 symbols,", output, StringComparison.Ordinal);
            Assert.True(File.Exists(fact), "PEP's facts were not rebuilt from its silver partition.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Extract_StoppedByAnError_RecordsWhatLandedInTheManifest_AndTheRerunLandsTheRestOnce()
    {
        var folder = Temp();
        try
        {
            // MSFT's watermark cannot be written: a folder stands where its file goes.
            var blocked = Path.Combine(folder, "lake", StockLakehouse.Extractor.State.WatermarkStore.KeyFor("yahoo", "chart", "MSFT"));
            Directory.CreateDirectory(blocked);
            string[] args = ["extract", "--out", folder, "--symbols", "AAPL,MSFT", "--start", "2024-11-01", "--end", "2024-12-31", "--parallelism", "1"];

            var (code, _, error) = await CliRunner.RunAsync(args);

            Assert.Equal(ExitCodes.StageFailed, code);
            var manifest = JsonDocument.Parse(File.ReadAllBytes(Directory.EnumerateFiles(Path.Combine(folder, "lake", "_runs"), "manifest.json", SearchOption.AllDirectories).Single())).RootElement;
            Assert.Equal("failed", manifest.GetProperty("status").GetString());
            var extract = manifest.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "extract");
            Assert.Equal(1, extract.GetProperty("details").GetProperty("landed").GetInt64());
            Assert.Contains(error.Split('\n')[0].Replace("lakehouse extract: ", string.Empty, StringComparison.Ordinal), manifest.GetProperty("error").GetString(), StringComparison.Ordinal);

            Directory.Delete(blocked);
            Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(args)).ExitCode);
            var bodies = Directory.GetFiles(Path.Combine(folder, "lake", "raw"), "*.json", SearchOption.AllDirectories).Where(StockLakehouse.Core.Lake.LakeLayout.IsRawBody).Select(Path.GetFileName).ToArray();
            Assert.Equal(["AAPL", "MSFT"], bodies.Select(b => b!.Split('-')[0]).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Twice_LandsNothingNewAndLeavesIdenticalTables()
    {
        var folder = Temp();
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync(Args(folder))).ExitCode);
            var before = FactFingerprint(folder);
            var rawBefore = Directory.EnumerateFiles(Path.Combine(folder, "lake", "raw"), "*", SearchOption.AllDirectories).Order().ToArray();

            var second = await CliRunner.RunAsync(Args(folder));

            Assert.Equal(0, second.ExitCode);
            Assert.Equal(before, FactFingerprint(folder));
            Assert.Equal(rawBefore, Directory.EnumerateFiles(Path.Combine(folder, "lake", "raw"), "*", SearchOption.AllDirectories).Order().ToArray());
            var manifest = Directory.EnumerateFiles(Path.Combine(folder, "lake", "_runs"), "manifest.json", SearchOption.AllDirectories)
                .Select(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement)
                .OrderBy(m => m.GetProperty("started_at").GetDateTimeOffset())
                .Last();
            var stages = manifest.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
            Assert.Equal(0, stages["extract"].GetProperty("details").GetProperty("landed").GetInt64());
            Assert.Equal(Symbols.Length, stages["extract"].GetProperty("details").GetProperty("already_present").GetInt64());
            foreach (var table in new[] { "fact_stock_price", "dim_company", "dim_date", "dim_exchange" })
            {
                var load = stages["load"].GetProperty("details").GetProperty(table);
                Assert.Equal(0, load.GetProperty("inserted").GetInt64());
                Assert.Equal(0, load.GetProperty("updated").GetInt64());
                Assert.Equal(0, load.GetProperty("deleted").GetInt64());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_SameSeedInTwoFolders_ProducesIdenticalTables_AndAnotherSeedDoesNot()
    {
        string a = Temp(), b = Temp(), c = Temp();
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync(Args(a))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync(Args(b))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync(Args(c, seed: 8))).ExitCode);

            Assert.Equal(FactFingerprint(a), FactFingerprint(b));
            Assert.NotEqual(FactFingerprint(a), FactFingerprint(c));
        }
        finally
        {
            foreach (var folder in new[] { a, b, c })
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
