namespace StockLakehouse.SparkHost;

/// <summary>
/// Which lake files a stage's tasks read and how they are grouped: every file ending in <paramref name="Extension"/>
/// under the lake key prefixes <paramref name="Prefixes"/> (recursively), grouped by the first capture of
/// <paramref name="SymbolPattern"/> in the file's path. With <paramref name="CountsGroupFiles"/> every row also
/// carries its group's file count (<see cref="SilverPartitionUdf.GroupFilesColumn"/>), so that a task handed part of
/// a group can tell.
/// </summary>
internal sealed record SymbolGroupQuery(IReadOnlyList<string> Prefixes, string Extension, string SymbolPattern, bool CountsGroupFiles);
