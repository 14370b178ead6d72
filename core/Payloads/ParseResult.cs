using System.Diagnostics.CodeAnalysis;

namespace StockLakehouse.Core.Payloads;

/// <summary>The outcome of parsing input that may be bad: a value, or the reason it was rejected.</summary>
public sealed class ParseResult<T>
    where T : class
{
    private ParseResult(T? value, PayloadRejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }

    public PayloadRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsSuccess => Value is not null;

    public static ParseResult<T> Success(T value) => new(value, null);

    public static ParseResult<T> Rejected(string reason, string detail) => new(null, new PayloadRejection(reason, detail));
}
