namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// The load record steps of a deploy, as the warehouse stage runs them: <see cref="Begin"/> before the first load,
/// <see cref="Commit"/> after the marts, and <see cref="RequireCommitted"/>, the refusal of an uncommitted warehouse,
/// before the checks.
/// </summary>
public sealed record LoadRecordSql(string Begin, string Commit, string RequireCommitted);
