namespace StockLakehouse.Core.Lake;

/// <summary>A file filled at <see cref="IObjectStore.StagingPath"/> that is to become the object <paramref name="Key"/>.</summary>
public readonly record struct StagedFile(string Key, string StagedPath);
