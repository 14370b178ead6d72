namespace StockLakehouse.Cloud.Artifacts;

/// <summary>One generated file: its '/'-separated path under the output folder and its text (LF line ends, final newline).</summary>
public sealed record GeneratedFile(string Path, string Content);
