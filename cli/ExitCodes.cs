namespace StockLakehouse.Cli;

/// <summary>The documented exit codes of the lakehouse CLI (README.md, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every check passed.</summary>
    public const int Success = 0;

    /// <summary>The pipeline ran but at least one data-quality check failed.</summary>
    public const int ChecksFailed = 1;

    /// <summary>Bad arguments or unusable inputs (unknown option, bad date, missing file, unwritable folder), or another process is writing the lake.</summary>
    public const int UsageError = 2;

    /// <summary>A stage failed; the message and the run's log say why.</summary>
    public const int StageFailed = 3;

    /// <summary>
    /// Everything ran, but some extract requests landed nothing (a rejected symbol, the source's daily cap, a
    /// fetch that failed after its retries); the run manifest lists each with its reason, and the next run fetches
    /// what is missing.
    /// </summary>
    public const int ExtractIncomplete = 4;

    /// <summary>Stopped by Ctrl+C or SIGTERM between batches; the manifest says cancelled and what had landed is kept.</summary>
    public const int Cancelled = 130;
}
