using System.Net;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// A failure <see cref="FakeGcsServer"/> injects into the next request that matches: a status answered
/// without doing anything, a connection broken before the request reaches the server, one broken after
/// the server has done the work (the response is lost), or an answer that never comes (the work done; the request
/// waits until HttpClient's own timeout cancels it).
/// </summary>
internal sealed record ServerFault(Func<ReceivedRequest, bool> Matches, HttpStatusCode? Status = null, TimeSpan? RetryAfter = null, bool BreakBefore = false, bool BreakAfter = false, bool TimeOutAfter = false)
{
    public static ServerFault Respond(HttpStatusCode status, Func<ReceivedRequest, bool>? matches = null, TimeSpan? retryAfter = null) =>
        new(matches ?? (_ => true), Status: status, RetryAfter: retryAfter);

    public static ServerFault BreakConnection(Func<ReceivedRequest, bool>? matches = null) => new(matches ?? (_ => true), BreakBefore: true);

    public static ServerFault LoseResponse(Func<ReceivedRequest, bool>? matches = null) => new(matches ?? (_ => true), BreakAfter: true);

    public static ServerFault TimeOut(Func<ReceivedRequest, bool>? matches = null) => new(matches ?? (_ => true), TimeOutAfter: true);
}
