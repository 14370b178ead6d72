using StockLakehouse.Core.Lake;

namespace StockLakehouse.Core.Tests.Lake;

public sealed class DiskFlusherTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-flusher-{Guid.NewGuid():N}");

    public DiskFlusherTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Many_flushes_queued_at_once_all_complete_with_their_bytes_written()
    {
        // More files than flusher threads, queued from many writers at once: every flush must be taken and finished.
        var files = Enumerable.Range(0, 4 * DiskFlusher.Threads)
            .Select(i => new FileStream(Path.Combine(_folder, $"f{i}"), FileMode.Create, FileAccess.Write))
            .ToArray();
        try
        {
            foreach (var (file, i) in files.Select((f, i) => (f, i)))
            {
                file.Write(BitConverter.GetBytes(i));
            }

            await Task.WhenAll(files.Select(f => Task.Run(() => DiskFlusher.FlushAsync(f)))).WaitAsync(TimeSpan.FromMinutes(1));

            Assert.All(files, f => Assert.Equal(4, f.Length));
        }
        finally
        {
            foreach (var file in files)
            {
                file.Dispose();
            }
        }

        Assert.Equal(Enumerable.Range(0, files.Length), files.Select(f => BitConverter.ToInt32(File.ReadAllBytes(f.Name))));
    }

    [Fact]
    public async Task A_flush_that_fails_faults_its_task_and_the_flushers_go_on()
    {
        var closed = new FileStream(Path.Combine(_folder, "closed"), FileMode.Create, FileAccess.Write);
        await closed.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => DiskFlusher.FlushAsync(closed).WaitAsync(TimeSpan.FromMinutes(1)));

        using var open = new FileStream(Path.Combine(_folder, "open"), FileMode.Create, FileAccess.Write);
        open.WriteByte(7);
        await DiskFlusher.FlushAsync(open).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, open.Length);
    }
}
