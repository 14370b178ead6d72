using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>
/// LISTING_STATUS: the universe as CSV (symbol,name,exchange,assetType,ipoDate,delistingDate,status), asked
/// twice per ingest date — once for active listings and once for delistings, which the API serves separately.
/// </summary>
internal sealed class AlphaVantageListingSource : IRawSource, IDiscoveringSource
{
    public const string ActiveSubject = "_active";
    public const string DelistedSubject = "_delisted";

    private static readonly string[] Columns = ["symbol", "name", "exchange", "assetType", "ipoDate", "delistingDate", "status"];
    private readonly AlphaVantageClient _client;

    public AlphaVantageListingSource(AlphaVantageClient client, AlphaVantageMessages messages)
    {
        _client = client;
        Classifier = new ResponseClassifier(new CsvReader("Alpha Vantage LISTING_STATUS CSV", Columns, messages));
    }

    public string Name => LakeNames.AlphaVantage;

    public string Dataset => LakeNames.ListingStatus;

    public RawFormat Format => RawFormat.Csv;

    public RequestScope Scope => RequestScope.Discovered;

    public IResponseClassifier Classifier { get; }

    public Task<IReadOnlyList<RawRequest>> DiscoverAsync(DateOnly from, DateOnly to, DateOnly ingestDate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RawRequest>>([new RawRequest(ActiveSubject, ingestDate, ingestDate), new RawRequest(DelistedSubject, ingestDate, ingestDate)]);

    public Task<SourceResponse> FetchAsync(RawRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = request.Subject switch
        {
            ActiveSubject => "active",
            DelistedSubject => "delisted",
            _ => throw new ArgumentException($"LISTING_STATUS has no request for '{request.Subject}'; expected {ActiveSubject} or {DelistedSubject}.", nameof(request)),
        };
        return _client.QueryAsync([new("function", "LISTING_STATUS"), new("state", state)], cancellationToken);
    }
}
