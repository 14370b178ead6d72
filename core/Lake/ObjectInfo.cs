namespace StockLakehouse.Core.Lake;

/// <summary>
/// An object in the lake: its key (a '/'-separated path under the lake root), its size, and a fingerprint when the
/// store's listing gives one without reading the object.
/// </summary>
/// <param name="Fingerprint">
/// A value that changes whenever the object's bytes do, tagged with its kind (<c>md5:</c>, <c>generation:</c>,
/// <c>modified:</c>): on Cloud Storage the listing's MD5 (the generation for a composite object, which has none); on
/// the local folder the file's last write time, which every write changes (gold's state compares it to notice a
/// partition file damaged or replaced in place; the DuckDB load hashes the files it loads itself). Null when the store
/// has none to give, and a reader must then treat the object as changed. Fingerprints are compared only with
/// fingerprints recorded from the same kind of store.
/// </param>
public sealed record ObjectInfo(string Key, long Length, string? Fingerprint = null);
