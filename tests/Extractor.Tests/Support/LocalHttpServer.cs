using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for tests that must never reach the internet.
/// Each request is routed to a key (its path by default) whose scripted responses are served in order; once a
/// route's script is used up its fallback answers, and without one the server answers 599 "unscripted" so a
/// test sees the stray request. One request per connection; the accept loop stops after a bounded number of
/// connections so a runaway retry loop cannot spin forever.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    public const int Unscripted = 599;
    private const int MaxConnections = 500;
    private const int MaxHeadBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ReceivedRequest, string> _route;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<ScriptedResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScriptedResponse> _fallbacks = new(StringComparer.Ordinal);
    private readonly List<ReceivedRequest> _received = [];
    private readonly List<Task> _handlers = [];
    private readonly Task _loop;

    public LocalHttpServer(Func<ReceivedRequest, string>? route = null)
    {
        _route = route ?? (r => r.Path);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Routes Alpha Vantage style requests (all on /query) by function and symbol: "TIME_SERIES_DAILY IBM".</summary>
    public static string ByFunctionAndSymbol(ReceivedRequest request) =>
        $"{request.QueryValue("function")} {request.QueryValue("symbol") ?? request.QueryValue("state")}".TrimEnd();

    public void Script(string route, params ScriptedResponse[] responses)
    {
        lock (_gate)
        {
            if (!_scripts.TryGetValue(route, out var queue))
            {
                _scripts[route] = queue = new Queue<ScriptedResponse>();
            }

            foreach (var response in responses)
            {
                queue.Enqueue(response);
            }
        }
    }

    public void Fallback(string route, ScriptedResponse response)
    {
        lock (_gate)
        {
            _fallbacks[route] = response;
        }
    }

    public int CountFor(string route)
    {
        lock (_gate)
        {
            return _received.Count(r => _route(r) == route);
        }
    }

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
                var response = Pick(request);
                response.OnServe?.Invoke(request);
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

    private ScriptedResponse Pick(ReceivedRequest request)
    {
        var route = _route(request);
        lock (_gate)
        {
            _received.Add(request);
            if (_scripts.TryGetValue(route, out var queue) && queue.Count > 0)
            {
                return queue.Dequeue();
            }

            return _fallbacks.TryGetValue(route, out var fallback)
                ? fallback
                : ScriptedResponse.Text(Unscripted, $"unscripted route '{route}'");
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

    private static ReceivedRequest Parse(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3)
        {
            throw new FormatException($"Not an HTTP request line: '{lines[0]}'.");
        }

        var target = parts[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                query[name] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
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

        return new ReceivedRequest(parts[0], Uri.UnescapeDataString(path), target, query, headers);
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
