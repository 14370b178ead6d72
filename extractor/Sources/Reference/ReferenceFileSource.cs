using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.Reference;

/// <summary>
/// The company reference file exported from the ERP (symbol, name, exchange, sector, industry, …), landed raw
/// as a dated snapshot under source=reference/dataset=companies. One request per ingest date and file content:
/// the same file lands once a day, a corrected file lands beside it.
/// </summary>
internal sealed class ReferenceFileSource : IRawSource, IDiscoveringSource
{
    /// <summary>The columns without which the file is not a company reference at all; the rest is landed as is.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["symbol", "name"];

    private readonly string _path;
    private readonly TimeProvider _clock;

    public ReferenceFileSource(string path, TimeProvider clock)
    {
        _path = Path.GetFullPath(path);
        _clock = clock;
    }

    public string Name => LakeNames.Reference;

    public string Dataset => LakeNames.Companies;

    public RawFormat Format => RawFormat.Csv;

    public RequestScope Scope => RequestScope.Discovered;

    public IResponseClassifier Classifier { get; } = new ResponseClassifier(new CsvReader("company reference CSV", RequiredColumns, jsonMessages: null));

    public async Task<IReadOnlyList<RawRequest>> DiscoverAsync(DateOnly from, DateOnly to, DateOnly ingestDate, CancellationToken cancellationToken)
    {
        var body = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
        return [new RawRequest(RawRequest.WholeDataset, ingestDate, ingestDate) { Variant = FileResponses.ContentVariant(body), Origin = _path }];
    }

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FileResponses.ReadAsync(request.Origin ?? _path, _clock, cancellationToken);
    }
}
