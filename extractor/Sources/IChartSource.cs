using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Sources;

/// <summary>A source of daily bars in Yahoo chart v8 format (Yahoo itself, or the simulated market).</summary>
public interface IChartSource
{
    /// <summary>The source's name in the lake layout (raw/source=&lt;name&gt;/).</summary>
    string Name { get; }

    /// <summary>The dataset name in the lake layout (raw/…/dataset=&lt;dataset&gt;/).</summary>
    string Dataset { get; }

    /// <summary>Fetches the daily bars of <paramref name="symbol"/> from <paramref name="from"/> to <paramref name="toInclusive"/>.</summary>
    Task<SourceResponse> FetchAsync(Symbol symbol, DateOnly from, DateOnly toInclusive, CancellationToken cancellationToken);
}
