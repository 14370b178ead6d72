namespace StockLakehouse.Extractor.Sources;

/// <summary>
/// One request to a source: whose data (<paramref name="Subject"/>, a ticker symbol, or a name starting with
/// '_' for a dataset that is not per symbol, such as a listing) over which New York dates, both inclusive.
/// The raw object's name is derived from these, so the same request on the same ingest date lands once.
/// </summary>
public sealed record RawRequest(string Subject, DateOnly From, DateOnly To)
{
    /// <summary>The subject of a request for a whole dataset (a reference file, a listing) rather than one symbol.</summary>
    public const string WholeDataset = "_all";

    /// <summary>
    /// Distinguishes requests whose subject and dates are equal but whose content differs: the SHA-256 prefix
    /// of an imported file, so a corrected file lands beside the old one while the same file lands once.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>Where a file-based source reads the request from (a file path); null for remote sources.</summary>
    public string? Origin { get; init; }

    /// <summary>True when <see cref="Subject"/> names a ticker symbol rather than a whole dataset.</summary>
    public bool IsForSymbol => !Subject.StartsWith('_');
}
