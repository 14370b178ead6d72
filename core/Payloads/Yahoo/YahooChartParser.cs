using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace StockLakehouse.Core.Payloads.Yahoo;

/// <summary>
/// Parses a Yahoo Finance chart v8 response body with a forward-only <see cref="Utf8JsonReader"/>:
/// no DOM, one pass, arrays grown from the array pool. Bad bodies (chart.error, HTML, truncated JSON,
/// no result) come back as a rejection, never as an exception.
/// </summary>
public static class YahooChartParser
{
    public const string ReasonSourceError = "source_error";
    public const string ReasonNotJson = "not_json";
    public const string ReasonMalformed = "malformed_json";
    public const string ReasonNoResult = "no_result";

    public static ParseResult<YahooChart> Parse(ReadOnlySpan<byte> body)
    {
        var trimmed = PayloadBytes.TrimStart(body);
        if (trimmed.IsEmpty)
        {
            return ParseResult<YahooChart>.Rejected(ReasonNotJson, "The body is empty.");
        }

        if (trimmed[0] != (byte)'{')
        {
            var preview = Encoding.UTF8.GetString(trimmed[..Math.Min(trimmed.Length, 80)]).ReplaceLineEndings(" ");
            var kind = trimmed[0] == (byte)'<' ? "an HTML or XML page" : "not a JSON object";
            return ParseResult<YahooChart>.Rejected(ReasonNotJson, $"The body is {kind}: \"{preview}\".");
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            var state = new ChartState();
            ReadRoot(ref reader, state);
            if (state.ErrorCode is not null || state.ErrorDescription is not null)
            {
                return ParseResult<YahooChart>.Rejected(
                    ReasonSourceError,
                    $"Yahoo answered {state.ErrorCode ?? "an error"}: {state.ErrorDescription ?? "(no description)"}.");
            }

            return state.Result is null
                ? ParseResult<YahooChart>.Rejected(ReasonNoResult, "chart.result is missing, null or empty.")
                : ParseResult<YahooChart>.Success(state.Result);
        }
        catch (JsonException e)
        {
            return ParseResult<YahooChart>.Rejected(ReasonMalformed, $"The JSON is malformed or truncated: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return ParseResult<YahooChart>.Rejected(ReasonMalformed, $"The JSON has an unexpected shape: {e.Message}");
        }
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ChartState state)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("chart"u8))
            {
                reader.Read();
                ReadChart(ref reader, state);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadChart(ref Utf8JsonReader reader, ChartState state)
    {
        EnsureToken(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    var first = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (first && reader.TokenType == JsonTokenType.StartObject)
                        {
                            state.Result = ReadResult(ref reader);
                            first = false;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (NextProperty(ref reader))
                    {
                        var isCode = reader.ValueTextEquals("code"u8);
                        var isDescription = reader.ValueTextEquals("description"u8);
                        reader.Read();
                        if (isCode)
                        {
                            state.ErrorCode = ReadStringOrNull(ref reader);
                        }
                        else if (isDescription)
                        {
                            state.ErrorDescription = ReadStringOrNull(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    state.ErrorDescription = reader.TokenType == JsonTokenType.String ? reader.GetString() : "unrecognised error value";
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static YahooChart ReadResult(ref Utf8JsonReader reader)
    {
        var meta = new YahooChartMeta(null, null, null, null, null);
        long[] timestamps = [];
        double[]? open = null, high = null, low = null, close = null, volume = null, adjClose = null;
        var dividends = new List<YahooDividend>();
        var splits = new List<YahooSplit>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("meta"u8))
            {
                reader.Read();
                meta = ReadMeta(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamps = ReadInt64Array(ref reader);
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                ReadEvents(ref reader, dividends, splits);
            }
            else if (reader.ValueTextEquals("indicators"u8))
            {
                reader.Read();
                EnsureToken(ref reader, JsonTokenType.StartObject);
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("quote"u8))
                    {
                        reader.Read();
                        ReadFirstOfArray(ref reader, (ref Utf8JsonReader r) =>
                        {
                            while (NextProperty(ref r))
                            {
                                var name = r.GetString();
                                r.Read();
                                switch (name)
                                {
                                    case "open": open = ReadDoubleArray(ref r); break;
                                    case "high": high = ReadDoubleArray(ref r); break;
                                    case "low": low = ReadDoubleArray(ref r); break;
                                    case "close": close = ReadDoubleArray(ref r); break;
                                    case "volume": volume = ReadDoubleArray(ref r); break;
                                    default: r.Skip(); break;
                                }
                            }
                        });
                    }
                    else if (reader.ValueTextEquals("adjclose"u8))
                    {
                        reader.Read();
                        ReadFirstOfArray(ref reader, (ref Utf8JsonReader r) =>
                        {
                            while (NextProperty(ref r))
                            {
                                if (r.ValueTextEquals("adjclose"u8))
                                {
                                    r.Read();
                                    adjClose = ReadDoubleArray(ref r);
                                }
                                else
                                {
                                    SkipValue(ref r);
                                }
                            }
                        });
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var n = timestamps.Length;
        dividends.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        splits.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new YahooChart(
            meta,
            timestamps,
            Fit(open, n),
            Fit(high, n),
            Fit(low, n),
            Fit(close, n),
            Fit(volume, n),
            adjClose is null ? null : Fit(adjClose, n),
            dividends,
            splits);
    }

    private delegate void ObjectReader(ref Utf8JsonReader reader);

    /// <summary>Reads the first object of an array with <paramref name="read"/> and skips the rest.</summary>
    private static void ReadFirstOfArray(ref Utf8JsonReader reader, ObjectReader read)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first && reader.TokenType == JsonTokenType.StartObject)
            {
                read(ref reader);
                first = false;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static YahooChartMeta ReadMeta(ref Utf8JsonReader reader)
    {
        string? symbol = null, currency = null, exchange = null, instrument = null, timezone = null;
        EnsureToken(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "symbol": symbol = ReadStringOrNull(ref reader); break;
                case "currency": currency = ReadStringOrNull(ref reader); break;
                case "exchangeName": exchange = ReadStringOrNull(ref reader); break;
                case "instrumentType": instrument = ReadStringOrNull(ref reader); break;
                case "exchangeTimezoneName": timezone = ReadStringOrNull(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new YahooChartMeta(symbol, currency, exchange, instrument, timezone);
    }

    private static void ReadEvents(ref Utf8JsonReader reader, List<YahooDividend> dividends, List<YahooSplit> splits)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (NextProperty(ref reader))
        {
            var isDividends = reader.ValueTextEquals("dividends"u8);
            var isSplits = reader.ValueTextEquals("splits"u8);
            reader.Read();
            if (!(isDividends || isSplits) || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // Events are keyed by the timestamp as a string; the "date" field inside repeats it.
            while (NextProperty(ref reader))
            {
                var key = long.TryParse(reader.GetString(), out var k) ? k : (long?)null;
                reader.Read();
                EnsureToken(ref reader, JsonTokenType.StartObject);
                long? date = null;
                double amount = double.NaN, numerator = double.NaN, denominator = double.NaN;
                while (NextProperty(ref reader))
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "date": date = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null; break;
                        case "amount": amount = ReadDoubleOrNaN(ref reader); break;
                        case "numerator": numerator = ReadDoubleOrNaN(ref reader); break;
                        case "denominator": denominator = ReadDoubleOrNaN(ref reader); break;
                        default: reader.Skip(); break;
                    }
                }

                var timestamp = date ?? key ?? throw new InvalidOperationException("An event has neither a date nor a timestamp key.");
                if (isDividends)
                {
                    dividends.Add(new YahooDividend(timestamp, amount));
                }
                else
                {
                    splits.Add(new YahooSplit(timestamp, numerator, denominator));
                }
            }
        }
    }

    // The two array readers below run once per bar: compiled optimized at once (see JsonDecimal.TryReadShort).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] ReadInt64Array(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        EnsureToken(ref reader, JsonTokenType.StartArray);
        var buffer = ArrayPool<long>.Shared.Rent(1024);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new InvalidOperationException($"A timestamp is {reader.TokenType}, not a number.");
                }

                if (count == buffer.Length)
                {
                    buffer = Grow(buffer, count);
                }

                buffer[count++] = reader.GetInt64();
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] ReadDoubleArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        EnsureToken(ref reader, JsonTokenType.StartArray);
        var buffer = ArrayPool<double>.Shared.Rent(1024);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == buffer.Length)
                {
                    buffer = Grow(buffer, count);
                }

                buffer[count++] = ReadDoubleOrNaN(ref reader);
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static T[] Grow<T>(T[] buffer, int count)
    {
        var bigger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(buffer);
        return bigger;
    }

    private static double ReadDoubleOrNaN(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => JsonDecimal.Read(ref reader),
        JsonTokenType.Null => double.NaN,
        _ => throw new InvalidOperationException($"Expected a number or null but found {reader.TokenType}."),
    };

    private static double[] Fit(double[]? values, int length)
    {
        if (values is null)
        {
            var missing = new double[length];
            Array.Fill(missing, double.NaN);
            return missing;
        }

        if (values.Length == length)
        {
            return values;
        }

        var fitted = new double[length];
        Array.Fill(fitted, double.NaN);
        values.AsSpan(0, Math.Min(length, values.Length)).CopyTo(fitted);
        return fitted;
    }

    private static string? ReadStringOrNull(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => SkipAndReturnNull(ref reader),
    };

    private static string? SkipAndReturnNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>Advances to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ended inside an object.");
        }

        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new InvalidOperationException($"Expected a property name but found {reader.TokenType}."),
        };
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ended early.");
        }

        EnsureToken(ref reader, type);
    }

    private static void EnsureToken(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new InvalidOperationException($"Expected {type} but found {reader.TokenType}.");
        }
    }

    private sealed class ChartState
    {
        public YahooChart? Result { get; set; }

        public string? ErrorCode { get; set; }

        public string? ErrorDescription { get; set; }
    }
}
