using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// Starts the firebase-tools Cloud Storage emulator (tools/gcs-emulator/start.mjs) on 127.0.0.1 and a free
/// port for the tests of one collection, waits (at most <see cref="StartTimeout"/>) for its ready line, and
/// kills it afterwards. The emulator also exits on its own when this process dies, because it watches the
/// stdin pipe this fixture holds.
/// </summary>
public sealed class GcsEmulatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const string ReadyPrefix = "gcs-emulator ready ";

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private Uri? _endpoint;

    /// <summary>The emulator's JSON API root, such as http://127.0.0.1:40123/.</summary>
    public Uri Endpoint => _endpoint ?? throw new InvalidOperationException("The GCS emulator has not started.");

    /// <summary>
    /// A <see cref="Cloud.Gcs.GcsObjectStore"/> on the emulator's test bucket under a prefix of its own (<paramref name="name"/>
    /// and a new GUID), staging in <paramref name="stagingDirectory"/>, through an unauthenticated client. Uploads go in one
    /// chunk of up to 8 MiB, because the emulator finalizes a resumable upload on its first PUT.
    /// </summary>
    public Cloud.Gcs.GcsObjectStore Store(string name, string stagingDirectory, int listPageSize = 1000) =>
        new(
            new Cloud.Gcs.GcsObjectStoreOptions(new Cloud.Gcs.GcsLocation("stocklakehouse-test", $"{name}-{Guid.NewGuid():N}"))
            {
                ListPageSize = listPageSize,
                UploadChunkSize = 8 * 1024 * 1024,
                StagingDirectory = stagingDirectory,
            },
            Cloud.Gcs.GcsClients.Unauthenticated(Endpoint),
            Serilog.Core.Logger.None);

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        var folder = Path.Combine(root, "tools", "gcs-emulator");
        if (!File.Exists(Path.Combine(folder, "node_modules", "firebase-tools", "package.json")))
        {
            throw new InvalidOperationException(
                $"The GCS emulator is not installed in {folder}: run `make gcs-emulator` (npm ci of firebase-tools, about 40 s and 240 MB) before these tests.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(folder, "start.mjs"), "--port", "0", "--exit-with-stdin" },
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("The GCS emulator needs Node.js ('node' on the PATH), which was not found.", e);
        }

        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new InvalidOperationException($"The GCS emulator exited before it was ready. Its errors:\n{Errors()}");
                }

                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    var url = new Uri(line[ReadyPrefix.Length..].Trim() + "/");
                    if (url.Host != "127.0.0.1")
                    {
                        throw new InvalidOperationException($"The GCS emulator listens on {url}, not on 127.0.0.1.");
                    }

                    _endpoint = url;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The GCS emulator was not ready within {StartTimeout.TotalSeconds} s. Its errors:\n{Errors()}");
        }

        // Keep draining stdout so the emulator never blocks on a full pipe.
        _ = _process.StandardOutput.ReadToEndAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            // Closing stdin lets the emulator remove its blob folder and exit; a kill is the fallback.
            _process.StandardInput.Close();
            using (var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(killed.Token);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private string Errors()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
