namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>An object held by <see cref="FakeGcsServer"/>.</summary>
internal sealed record StoredObject(byte[] Content, long Generation);
