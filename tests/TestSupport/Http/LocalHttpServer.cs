using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for tests that need real sockets (timeouts, a body
/// cut off, another process as the client) and must never reach the internet. It answers from an
/// <see cref="HttpScript"/>, as <see cref="ScriptedHandler"/> does in-process: each request is routed to a key (its
/// path by default) whose scripted responses are served in order, then its fallback; a request nothing answers gets
/// 599 "unscripted" so a test sees the stray request. One request per connection; the accept loop stops after a
/// bounded number of connections so a runaway retry loop cannot spin forever.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    public const int Unscripted = 599;
    private const int MaxConnections = 500;
    private const int MaxHeadBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpScript _script;
    private readonly Lock _gate = new();
    private readonly List<Task> _handlers = [];
    private readonly Task _loop;

    public LocalHttpServer(Func<ReceivedRequest, string>? route = null)
    {
        _script = new HttpScript(route);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Received => _script.Received;

    /// <summary>Routes Alpha Vantage style requests (all on /query) by function and symbol: "TIME_SERIES_DAILY IBM".</summary>
    public static string ByFunctionAndSymbol(ReceivedRequest request) => HttpScript.ByFunctionAndSymbol(request);

    public void Script(string route, params ScriptedResponse[] responses) => _script.Script(route, responses);

    public void Fallback(string route, ScriptedResponse response) => _script.Fallback(route, response);

    public int CountFor(string route) => _script.CountFor(route);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        Task[] handlers;
        lock (_gate)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        for (var accepted = 0; accepted < MaxConnections; accepted++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                _handlers.Add(Task.Run(() => HandleAsync(client)));
            }
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                headTimeout.CancelAfter(TimeSpan.FromSeconds(10));
                var request = Parse(await ReadHeadAsync(stream, headTimeout.Token));
                var response = _script.Pick(request) ?? ScriptedResponse.Text(Unscripted, $"unscripted request {request}");
                response.OnServe?.Invoke(request);
                if (response.Failure is not null)
                {
                    return;
                }

                if (response.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(response.Delay, _stop.Token);
                }

                var body = response.BodyFor(request);
                var head = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n")
                    .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
                    .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                    .Append("Connection: close\r\n");
                foreach (var (name, value) in response.Headers)
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), _stop.Token);
                await stream.WriteAsync(body.AsMemory(0, Math.Min(body.Length, response.CutAfterBytes ?? body.Length)), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
            {
                // The client gave up (a timeout under test) or the server is stopping: nothing to answer.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private ReceivedRequest Parse(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3)
        {
            throw new FormatException($"Not an HTTP request line: '{lines[0]}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new ReceivedRequest(new HttpMethod(parts[0]), new Uri(BaseUrl, parts[1]), headers, []);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
