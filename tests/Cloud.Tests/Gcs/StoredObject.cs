namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>An object held by <see cref="FakeGcsServer"/>; a composite one is listed without an MD5, as GCS lists it.</summary>
internal sealed record StoredObject(byte[] Content, long Generation, bool Composite = false);
