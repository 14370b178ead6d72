namespace StockLakehouse.Cloud;

/// <summary>The Google Cloud project and region every cloud component works in.</summary>
public sealed record CloudProject(string ProjectId, string Region);
