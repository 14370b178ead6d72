namespace StockLakehouse.Cli.Options;

/// <summary>Defaults of the embedded run: 100 simulated symbols over the two years ending on a fixed date, fixed seed.</summary>
public static class OptionDefaults
{
    public static readonly DateOnly End = new(2025, 12, 31);
    public static readonly DateOnly Start = new(2024, 1, 1);
    public const ulong Seed = 42;
    public const string OutputFolder = "out";

    /// <summary>Trading days before a symbol's watermark that a daily extract fetches again, for late corrections.</summary>
    public const int LookbackTradingDays = 5;
}
