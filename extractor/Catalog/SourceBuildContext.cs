using Serilog;

namespace StockLakehouse.Extractor.Catalog;

/// <summary>What every source the catalog builds shares: the clock, the log, the HTTP client and the jitter source.</summary>
internal sealed record SourceBuildContext(TimeProvider Clock, ILogger Log, HttpClient Http, Func<double> Random);
