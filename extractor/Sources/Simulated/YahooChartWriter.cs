using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// Renders a <see cref="SimulatedWindow"/> as Yahoo's chart v8 JSON. Yahoo semantics reproduced: quote prices
/// are split-adjusted (divided by the ratios of the window's later splits, volumes multiplied) but not
/// dividend-adjusted; adjclose also folds in every later dividend as (1 − D / C_prev); prices are float32
/// values widened to double, which is why Yahoo shows 187.14999389648438. Only splits and dividends inside the
/// window matter: the window ends the simulated "today", and earlier actions are already in the as-traded prices.
/// </summary>
internal static class YahooChartWriter
{
    internal const string ExchangeTimezoneName = "America/New_York";
    internal const int DividendAmountDecimals = 6;

    private static readonly string[] _validRanges = ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"];

    // The JSON is built in a buffer kept per thread and copied out once: a chart is a few hundred kilobytes, and a
    // fresh buffer per chart (grown, then copied) cost two large-object allocations each.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    public static byte[] Write(SimulatedWindow window)
    {
        var n = window.Count;
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(1 << 16);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("chart"u8);
            writer.WriteStartArray("result"u8);
            writer.WriteStartObject();
            if (n == 0)
            {
                WriteEmptyResult(writer, window);
            }
            else
            {
                WriteResult(writer, window);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteNull("error"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The <c>timestamp</c> array <see cref="Write"/> writes for <paramref name="window"/>, in its order (empty when it writes none).</summary>
    public static long[] Timestamps(SimulatedWindow window)
    {
        var n = window.Count;
        if (n == 0)
        {
            return [];
        }

        var duplicate = window.Plan.Duplicate;
        var timestamps = new long[duplicate is null ? n : n + 1];
        window.Sessions.Opens.AsSpan(window.From, n).CopyTo(timestamps);
        if (duplicate is not null)
        {
            timestamps[n] = duplicate.Timestamp;
        }

        return timestamps;
    }

    /// <summary>
    /// A range without sessions gets what Yahoo serves for one: meta, no <c>timestamp</c>, no <c>events</c>,
    /// and <c>"indicators":{"quote":[{}]}</c> (an empty quote object and no adjclose).
    /// </summary>
    private static void WriteEmptyResult(Utf8JsonWriter writer, SimulatedWindow window)
    {
        var sessions = window.Sessions;

        // The latest session on or before the window's end stands in for "now"; before Genesis, the first one.
        var hasEarlier = window.From > 0;
        var referenceIndex = hasEarlier ? window.From - 1 : 0;
        var priceCents = hasEarlier ? window.Path.PreviousCloseCents!.Value : window.Profile.InitialPriceCents;
        var time = hasEarlier ? sessions.Opens[referenceIndex] + SessionTable.SessionLengthSeconds : sessions.Opens[0];
        WriteMeta(writer, window, time, sessions.GmtOffsets[referenceIndex], priceCents / 100.0, priceCents / 100.0);

        writer.WriteStartObject("indicators"u8);
        writer.WriteStartArray("quote"u8);
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, SimulatedWindow window)
    {
        var path = window.Path;
        var sessions = window.Sessions;
        var n = path.Count;
        var last = n - 1;

        // splitFactor[i]: product of the ratios of splits after bar i; prices are divided by it.
        var splitFactor = new double[n];
        var splitAt = new PathSplit?[n];
        foreach (var split in path.Splits)
        {
            splitAt[split.Index] = split;
        }

        var factor = 1.0;
        for (var i = last; i >= 0; i--)
        {
            splitFactor[i] = factor;
            if (splitAt[i] is { } split)
            {
                factor *= split.Ratio;
            }
        }

        var totalSplitFactor = factor;
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new long[n];
        for (var i = 0; i < n; i++)
        {
            var f = splitFactor[i];
            open[i] = Float32(path.OpenCents[i] / 100.0 / f);
            high[i] = Float32(path.HighCents[i] / 100.0 / f);
            low[i] = Float32(path.LowCents[i] / 100.0 / f);
            close[i] = Float32(path.CloseCents[i] / 100.0 / f);
            volume[i] = (long)Math.Round(path.Volume[i] * f, MidpointRounding.AwayFromZero);
        }

        // Dividend amounts are split-adjusted to the window's end like the prices.
        var dividendAt = new double[n];
        foreach (var dividend in path.Dividends)
        {
            dividendAt[dividend.Index] = Math.Round(
                dividend.AmountCents / 100.0 / splitFactor[dividend.Index],
                DividendAmountDecimals,
                MidpointRounding.AwayFromZero);
        }

        // Walk backwards, multiplying in (1 − D / C_prev) as each ex-date is passed. C_prev is the payload's
        // own close of the previous bar, so a reader can recompute adjclose from the payload alone.
        var adjclose = new double[n];
        var multiplier = 1.0;
        for (var i = last; i >= 0; i--)
        {
            adjclose[i] = Float32(close[i] * multiplier);
            if (dividendAt[i] > 0 && i > 0)
            {
                multiplier *= 1.0 - (dividendAt[i] / close[i - 1]);
            }
        }

        var duplicate = window.Plan.Duplicate;
        var kinds = NullKinds(window.Plan, n);

        long marketTime;
        double marketPrice;
        if (duplicate is null)
        {
            marketTime = sessions.Opens[window.From + last] + SessionTable.SessionLengthSeconds;
            marketPrice = path.CloseCents[last] / 100.0;
        }
        else
        {
            marketTime = duplicate.Timestamp;
            marketPrice = duplicate.CloseCents / 100.0;
        }

        var previousClose = path.PreviousCloseCents is { } previous
            ? Math.Round(previous / 100.0 / totalSplitFactor, 4, MidpointRounding.AwayFromZero)
            : open[0];
        WriteMeta(writer, window, marketTime, sessions.GmtOffsets[window.From + last], marketPrice, previousClose);

        writer.WriteStartArray("timestamp"u8);
        for (var i = 0; i < n; i++)
        {
            writer.WriteNumberValue(sessions.Opens[window.From + i]);
        }

        if (duplicate is not null)
        {
            writer.WriteNumberValue(duplicate.Timestamp);
        }

        writer.WriteEndArray();

        WriteEvents(writer, window, dividendAt);

        writer.WriteStartObject("indicators"u8);
        writer.WriteStartArray("quote"u8);
        writer.WriteStartObject();
        WritePrices(writer, "open"u8, open, kinds, DefectKind.NullOpen, duplicate?.OpenCents);
        WritePrices(writer, "high"u8, high, kinds, DefectKind.NullHigh, duplicate?.HighCents);
        WritePrices(writer, "low"u8, low, kinds, DefectKind.NullLow, duplicate?.LowCents);
        WritePrices(writer, "close"u8, close, kinds, DefectKind.NullClose, duplicate?.CloseCents);
        writer.WriteStartArray("volume"u8);
        for (var i = 0; i < n; i++)
        {
            if (kinds is not null && kinds[i] is DefectKind.NullBar or DefectKind.NullVolume)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteNumberValue(volume[i]);
            }
        }

        if (duplicate is not null)
        {
            writer.WriteNumberValue(duplicate.Volume);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("adjclose"u8);
        writer.WriteStartObject();

        // adjclose follows close: Yahoo derives it, so a null close nulls it too. The live bar is the last
        // session, with no later dividend, so its adjclose is its close.
        WritePrices(writer, "adjclose"u8, adjclose, kinds, DefectKind.NullClose, duplicate?.CloseCents);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMeta(
        Utf8JsonWriter writer,
        SimulatedWindow window,
        long regularMarketTime,
        int gmtOffset,
        double regularMarketPrice,
        double chartPreviousClose)
    {
        var instrument = window.Instrument;
        writer.WriteStartObject("meta"u8);
        writer.WriteString("currency"u8, instrument.Currency);
        writer.WriteString("symbol"u8, instrument.Symbol.Value);
        writer.WriteString("exchangeName"u8, instrument.YahooExchangeCode);
        writer.WriteString("fullExchangeName"u8, instrument.FullExchangeName);
        writer.WriteString("instrumentType"u8, "EQUITY"u8);
        writer.WriteNumber("firstTradeDate"u8, window.Sessions.Opens[0]);
        writer.WriteNumber("regularMarketTime"u8, regularMarketTime);
        writer.WriteBoolean("hasPrePostMarketData"u8, false);
        writer.WriteNumber("gmtoffset"u8, gmtOffset);
        writer.WriteString("timezone"u8, TimezoneAbbreviation(gmtOffset));
        writer.WriteString("exchangeTimezoneName"u8, ExchangeTimezoneName);
        writer.WriteNumber("regularMarketPrice"u8, regularMarketPrice);
        writer.WriteNumber("chartPreviousClose"u8, chartPreviousClose);
        writer.WriteNumber("priceHint"u8, 2);
        writer.WriteString("dataGranularity"u8, "1d"u8);
        writer.WriteString("range"u8, ""u8);
        writer.WriteStartArray("validRanges"u8);
        foreach (var range in _validRanges)
        {
            writer.WriteStringValue(range);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Yahoo includes <c>events</c> only when something happened in the range, and keys each event by the
    /// timestamp (as a string) of the session it belongs to.
    /// </summary>
    private static void WriteEvents(Utf8JsonWriter writer, SimulatedWindow window, double[] dividendAt)
    {
        var path = window.Path;
        if (path.Dividends.Count == 0 && path.Splits.Count == 0)
        {
            return;
        }

        Span<byte> key = stackalloc byte[24];
        writer.WriteStartObject("events"u8);
        if (path.Dividends.Count > 0)
        {
            writer.WriteStartObject("dividends"u8);
            foreach (var dividend in path.Dividends)
            {
                var date = window.Sessions.Opens[window.From + dividend.Index];
                writer.WritePropertyName(Format(date, key));
                writer.WriteStartObject();
                writer.WriteNumber("amount"u8, dividendAt[dividend.Index]);
                writer.WriteNumber("date"u8, date);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (path.Splits.Count > 0)
        {
            writer.WriteStartObject("splits"u8);
            foreach (var split in path.Splits)
            {
                var date = window.Sessions.Opens[window.From + split.Index];
                writer.WritePropertyName(Format(date, key));
                writer.WriteStartObject();
                writer.WriteNumber("date"u8, date);
                writer.WriteNumber("numerator"u8, split.Numerator);
                writer.WriteNumber("denominator"u8, split.Denominator);
                writer.WriteString("splitRatio"u8, string.Create(CultureInfo.InvariantCulture, $"{split.Numerator}:{split.Denominator}"));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// One price array, formatted into a pooled buffer and handed to the writer whole: the same bytes as writing each
    /// value with <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> (minimised output, shortest round-trip digits),
    /// without the writer's per-value work, and each distinct price formatted once (<see cref="JsonNumberCache"/>).
    /// </summary>
    private static void WritePrices(
        Utf8JsonWriter writer,
        ReadOnlySpan<byte> name,
        double[] values,
        DefectKind?[]? kinds,
        DefectKind nullKind,
        long? duplicateCents)
    {
        var rented = ArrayPool<byte>.Shared.Rent(2 + ((values.Length + 1) * (JsonNumberCache.MaximumLength + 1)));
        try
        {
            var text = rented.AsSpan();
            var length = 0;
            text[length++] = (byte)'[';
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    text[length++] = (byte)',';
                }

                if (kinds is not null && (kinds[i] == DefectKind.NullBar || kinds[i] == nullKind))
                {
                    "null"u8.CopyTo(text[length..]);
                    length += 4;
                }
                else
                {
                    length += JsonNumberCache.Format(values[i], text[length..]);
                }
            }

            if (duplicateCents is { } cents)
            {
                if (values.Length > 0)
                {
                    text[length++] = (byte)',';
                }

                length += JsonNumberCache.Format(Float32(cents / 100.0), text[length..]);
            }

            text[length++] = (byte)']';
            writer.WritePropertyName(name);
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static DefectKind?[]? NullKinds(DefectPlan plan, int count)
    {
        DefectKind?[]? kinds = null;
        foreach (var defect in plan.Defects)
        {
            if (defect.Index < count)
            {
                kinds ??= new DefectKind?[count];
                kinds[defect.Index] = defect.Kind;
            }
        }

        return kinds;
    }

    private static ReadOnlySpan<byte> Format(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written)
            ? destination[..written]
            : throw new InvalidOperationException($"Cannot format {value}.");

    private static string TimezoneAbbreviation(int gmtOffsetSeconds) => gmtOffsetSeconds switch
    {
        -18_000 => "EST",
        -14_400 => "EDT",
        _ => gmtOffsetSeconds >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"GMT+{gmtOffsetSeconds / 3600.0:0.##}")
            : string.Create(CultureInfo.InvariantCulture, $"GMT-{-gmtOffsetSeconds / 3600.0:0.##}"),
    };

    /// <summary>Yahoo stores prices as float32; widening back to double reproduces its digits.</summary>
    private static double Float32(double value) => (float)value;
}
