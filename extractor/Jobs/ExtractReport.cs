namespace StockLakehouse.Extractor.Jobs;

/// <summary>What an extract did: objects landed, objects already present from an earlier run, failures with reasons, bytes landed.</summary>
public sealed record ExtractReport(int Requested, int Landed, int AlreadyPresent, long BytesLanded, IReadOnlyList<ExtractFailure> Failures);
