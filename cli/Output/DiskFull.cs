namespace StockLakehouse.Cli.Output;

/// <summary>Recognises a full disk among an error and its causes, so the console says so in plain words.</summary>
internal static class DiskFull
{
    // ENOSPC on Linux (the runtime puts errno in HResult), and ERROR_HANDLE_DISK_FULL / ERROR_DISK_FULL on Windows.
    private const int Enospc = 28;
    private const int WindowsHandleDiskFull = 39;
    private const int WindowsDiskFull = 112;

    public static bool Caused(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            // Native libraries (DuckDB) report the OS's own text in exceptions of their own.
            if (e.Message.Contains("No space left on device", StringComparison.Ordinal))
            {
                return true;
            }

            if (e is IOException io && (OperatingSystem.IsWindows() ? (io.HResult & 0xFFFF) is WindowsHandleDiskFull or WindowsDiskFull : io.HResult == Enospc))
            {
                return true;
            }
        }

        return false;
    }
}
