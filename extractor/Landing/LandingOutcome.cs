namespace StockLakehouse.Extractor.Landing;

/// <summary>What landing one response did.</summary>
public enum LandingOutcome
{
    /// <summary>The object was new and is now in the lake.</summary>
    Landed,

    /// <summary>The same request had already landed for this ingest date; nothing was written.</summary>
    AlreadyPresent,

    /// <summary>The body had landed in a run that died before writing its metadata; the metadata is written now.</summary>
    MetadataRepaired,

    /// <summary>
    /// An earlier landing of the request is damaged (unreadable metadata, or a body that does not match it); the
    /// response landed under a new key, as a new object, and the damaged one is left for silver to quarantine.
    /// </summary>
    Relanded,
}
