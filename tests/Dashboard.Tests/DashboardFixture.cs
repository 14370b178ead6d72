using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using StockLakehouse.Cli.Tests;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>
/// Runs the pipeline on a small universe (11 symbols over 2023 and 2024, so Visa's sector change of 2023-03-20 is
/// inside), builds its dashboard with a chart cap below the universe (so some symbols are listed but not charted,
/// and Visa is charted because it is pinned), and opens Debian's chromium through Playwright with a fresh
/// profile. Playwright downloads no browser: it is pointed at the system executable (CHROMIUM, default /usr/bin/chromium,
/// installed by <c>make chromium</c>).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly string[] Symbols = ["AAPL", "MSFT", "BRK-B", "JPM", "XOM", "KO", "NVDA", "C", "PLD", "NEE", "V"];

    /// <summary>Fewer than <see cref="Symbols"/>: the pinned symbol, the six correlation symbols and the most traded one are charted.</summary>
    public const int ChartSymbols = 8;

    /// <summary>Charted whatever its traded value: Visa moved from Information Technology to Financials on 2023-03-20.</summary>
    public const string Pinned = "V";

    /// <summary>The run's last date (a Tuesday and an NYSE session).</summary>
    public static readonly DateOnly End = new(2024, 12, 31);

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", "chromium-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "stocklakehouse-tests", Guid.NewGuid().ToString("N"));

    public string WarehousePath => Path.Combine(Folder, "warehouse", "lakehouse.duckdb");

    public string PagePath => Path.Combine(Folder, "dashboard", "index.html");

    /// <summary>Screenshots of each view are kept here, in the test's output folder, after the run.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowserContext Browser { get; private set; } = null!;

    public (int ExitCode, string Output, string Error) Run { get; private set; }

    public (int ExitCode, string Output, string Error) Build { get; private set; }

    public JsonDocument Manifest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The browser first: without it the fixture fails at once, not after building a lake.
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at '{chromium}'; run 'make chromium' (Debian's chromium package) or set CHROMIUM to its path.");
        }

        Run = await CliRunner.RunAsync("run", "--out", Folder, "--symbols", string.Join(",", Symbols), "--start", "2023-01-01", "--end", End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--parallelism", "2");
        if (Run.ExitCode != 0)
        {
            throw new InvalidOperationException($"The pipeline exited with {Run.ExitCode}: {Run.Error}");
        }

        Build = await CliRunner.RunAsync("dashboard", "--out", Folder, "--symbols", Pinned, "--chart-symbols", ChartSymbols.ToString(CultureInfo.InvariantCulture));
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"lakehouse dashboard exited with {Build.ExitCode}: {Build.Error}");
        }

        var manifest = Directory.EnumerateFiles(Path.Combine(Folder, "lake", "_runs"), "manifest.json", SearchOption.AllDirectories).Single();
        Manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(manifest));
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Manifest?.Dispose();
        foreach (var folder in (string[])[Folder, _profile])
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
