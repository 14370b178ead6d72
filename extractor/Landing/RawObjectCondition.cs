namespace StockLakehouse.Extractor.Landing;

/// <summary>What a raw object key holds, as <see cref="RawObjectInspector"/> finds it.</summary>
public enum RawObjectCondition
{
    /// <summary>No body (a metadata file may be left over): the request can land here.</summary>
    Missing,

    /// <summary>A body without metadata: a run died between the two writes; the metadata can be written for the stored body.</summary>
    BodyWithoutMetadata,

    /// <summary>A body and metadata that describes it (SHA-256 and size): landed.</summary>
    Intact,

    /// <summary>
    /// A body whose metadata is unreadable or describes another body: raw is create-only, so this key can never be
    /// mended; the request is fetched again and landed under a new key.
    /// </summary>
    Damaged,
}
