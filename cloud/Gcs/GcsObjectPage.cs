namespace StockLakehouse.Cloud.Gcs;

/// <summary>One page of <c>objects.list</c>: the objects (absent when there are none) and the token of the next page.</summary>
internal sealed record GcsObjectPage(IReadOnlyList<GcsObjectResource>? Items, string? NextPageToken);
