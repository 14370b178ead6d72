namespace StockLakehouse.Core.Lake;

/// <summary>
/// An object's bytes with the version they were read at. The version is opaque and only good for
/// <see cref="IObjectStore.ReplaceAsync"/> on the same store: a GCS generation, or a local file's content hash (so
/// locally equal bytes are the same version, see <see cref="IObjectStore.ReplaceAsync"/>).
/// </summary>
public sealed record VersionedObject(byte[] Content, string Version);
