namespace StockLakehouse.Cloud.Tests.Deploy;

/// <summary>A small local lake in a temporary folder: raw objects of two ingest dates and silver and gold partitions.</summary>
internal sealed class LocalLake : IDisposable
{
    private readonly TempFolder _folder = new();

    public LocalLake()
    {
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.json", 120);
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.meta.json", 30);
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json", 100);
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.meta.json", 20);
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.json", 1_500);
        Add("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.meta.json", 25);
        Add("silver/daily_bar/symbol=AAPL/part-0.parquet", 4_000);
        Add("gold/dim_date/part-0.parquet", 9_000);
        Add("gold/fact_stock_price/symbol=AAPL/part-0.parquet", 5_000);
        Add("_runs/20251231T000000Z-abcd/manifest.json", 10);
        Add("_quarantine/silver/daily_bar/run_id=20251231T000000Z-abcd/rejects.jsonl", 10);
    }

    public string Root => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private void Add(string key, int bytes)
    {
        var path = Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('x', bytes)));
    }
}
