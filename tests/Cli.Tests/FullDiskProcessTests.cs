namespace StockLakehouse.Cli.Tests;

/// <summary>
/// A run on a full file system, for real: <c>unshare</c> gives the process a private mount namespace (no root
/// needed) in which a 400 KB tmpfs holds the output, so the extract fills it. The run must say plainly that the
/// device is full, exit 3 and print one line — not let the manifest it then cannot write either, nor the log's
/// flush, replace the stage's error. Where the machine refuses <c>unshare</c> or the tmpfs mount (no such command,
/// user namespaces turned off, a container that forbids mounts), the test reports itself skipped, saying which.
/// </summary>
public sealed class FullDiskProcessTests : IDisposable
{
    private readonly TempFolder _mount = new();

    public void Dispose() => _mount.Dispose();

    [SkippableFact]
    public async Task A_full_disk_mid_extract_exits_3_saying_no_space_left_in_one_line()
    {
        var refusal = await MountRefusalAsync();
        Skip.IfNot(refusal is null, refusal);

        var cli = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "lakehouse.dll")}' run --out '{_mount.Path}/out' --symbols AAPL,MSFT,KO --start 2020-01-01 --end 2024-12-31";
        using var process = CliProcess.StartProgram("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", $"mount -t tmpfs -o size=400k tmpfs '{_mount.Path}' && exec {cli}"]);

        var code = await process.WaitAsync(TimeSpan.FromMinutes(2));
        var output = await process.OutputAsync();

        Assert.True(code == ExitCodes.StageFailed, output);
        var failure = output.Split('\n').Single(l => l.StartsWith("lakehouse run:", StringComparison.Ordinal));
        Assert.StartsWith("lakehouse run: no space left on device", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("manifest.json", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Mounts the same tmpfs in a private namespace of a throwaway shell: null when the machine allows it, otherwise a
    /// sentence saying what it refused.
    /// </summary>
    private async Task<string?> MountRefusalAsync()
    {
        CliProcess probe;
        try
        {
            probe = CliProcess.StartProgram("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", $"mount -t tmpfs -o size=400k tmpfs '{_mount.Path}'"]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"This machine cannot run unshare to give the run a private mount namespace: {e.Message}";
        }

        using (probe)
        {
            var code = await probe.WaitAsync(TimeSpan.FromSeconds(30));
            var output = (await probe.OutputAsync()).Trim();
            return code == 0 ? null : $"This machine refused a private 400 KB tmpfs at '{_mount.Path}' (unshare --user --map-root-user --mount, then mount -t tmpfs, exited {code}): {output}";
        }
    }
}
