namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// What a fake HTTP service answers, shared by the in-process <see cref="ScriptedHandler"/> and the loopback
/// <see cref="LocalHttpServer"/>. Each request is routed to a key (its path by default); a route's scripted
/// responses are served in order, and once they are used up its fallback answers, else the answer function, else
/// nothing (the host then makes the stray request visible). Every request is recorded; all of it is thread-safe.
/// </summary>
public sealed class HttpScript
{
    private readonly Func<ReceivedRequest, string> _route;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<ScriptedResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScriptedResponse> _fallbacks = new(StringComparer.Ordinal);
    private readonly List<ReceivedRequest> _received = [];
    private Func<ReceivedRequest, ScriptedResponse>? _answer;

    public HttpScript(Func<ReceivedRequest, string>? route = null)
    {
        _route = route ?? ByPath;
    }

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

    /// <summary>Scripted responses not served yet, over every route.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _scripts.Values.Sum(q => q.Count);
            }
        }
    }

    public static string ByPath(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path;
    }

    /// <summary>One route for every request: the script is one conversation, served in order.</summary>
    public static string InOrder(ReceivedRequest request) => string.Empty;

    /// <summary>Routes Alpha Vantage style requests (all on /query) by function and symbol: "TIME_SERIES_DAILY IBM".</summary>
    public static string ByFunctionAndSymbol(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.QueryValue("function")} {request.QueryValue("symbol") ?? request.QueryValue("state")}".TrimEnd();
    }

    public HttpScript Script(string route, params ScriptedResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
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

        return this;
    }

    public HttpScript Fallback(string route, ScriptedResponse response)
    {
        lock (_gate)
        {
            _fallbacks[route] = response;
        }

        return this;
    }

    /// <summary>Answers every request that no script or fallback answers with a function of it (a long conversation).</summary>
    public HttpScript AnswerWith(Func<ReceivedRequest, ScriptedResponse> answer)
    {
        lock (_gate)
        {
            _answer = answer;
        }

        return this;
    }

    public int CountFor(string route)
    {
        lock (_gate)
        {
            return _received.Count(r => _route(r) == route);
        }
    }

    /// <summary>Records <paramref name="request"/> and returns its answer, or null when nothing answers it.</summary>
    public ScriptedResponse? Pick(ReceivedRequest request)
    {
        var route = _route(request);
        Func<ReceivedRequest, ScriptedResponse>? answer;
        lock (_gate)
        {
            _received.Add(request);
            if (_scripts.TryGetValue(route, out var queue) && queue.Count > 0)
            {
                return queue.Dequeue();
            }

            if (_fallbacks.TryGetValue(route, out var fallback))
            {
                return fallback;
            }

            answer = _answer;
        }

        return answer?.Invoke(request);
    }
}
