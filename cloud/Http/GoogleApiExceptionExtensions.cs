using System.Net;
using Google;

namespace StockLakehouse.Cloud.Http;

/// <summary>What callers ask of a <see cref="GoogleApiException"/>, whichever Google client threw it.</summary>
public static class GoogleApiExceptionExtensions
{
    /// <summary>Every <c>error.errors[].reason</c>, e.g. <c>invalidQuery</c>, <c>duplicate</c>, <c>rateLimitExceeded</c>.</summary>
    public static IReadOnlyList<string> Reasons(this GoogleApiException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Error?.Errors is { } errors
            ? errors.Select(e => e.Reason).OfType<string>().ToArray()
            : [];
    }

    /// <summary><c>error.message</c> exactly as the API sent it (or the body when it was not the standard shape).</summary>
    public static string ApiMessage(this GoogleApiException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Error?.Message ?? failure.Message;
    }

    public static bool IsNotFound(this GoogleApiException failure) => failure?.HttpStatusCode == HttpStatusCode.NotFound;

    /// <summary>HTTP 409: a create whose id or name is taken (BigQuery reason <c>duplicate</c>, status <c>ALREADY_EXISTS</c>).</summary>
    public static bool IsAlreadyExists(this GoogleApiException failure) => failure?.HttpStatusCode == HttpStatusCode.Conflict;
}
