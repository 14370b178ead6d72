namespace StockLakehouse.Jobs.Silver;

/// <summary>Why <see cref="BarRules"/> refused a bar: a <see cref="RejectReason"/> and a sentence naming the bad values.</summary>
internal readonly record struct BarRejection(string Reason, string Detail);
