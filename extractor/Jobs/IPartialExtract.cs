namespace StockLakehouse.Extractor.Jobs;

/// <summary>An extract that ended early (cancelled or failed) and carries the record of the requests that had finished.</summary>
public interface IPartialExtract
{
    /// <summary>The requests that finished before the extract ended, with their outcomes; what they landed stays.</summary>
    ExtractReport Partial { get; }
}
