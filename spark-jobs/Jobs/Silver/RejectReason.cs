namespace StockLakehouse.Jobs.Silver;

/// <summary>The reasons a raw record is quarantined; stable strings, since people query them.</summary>
public static class RejectReason
{
    public const string NullPrice = "null_price";
    public const string NullVolume = "null_volume";
    public const string NonPositivePrice = "non_positive_price";
    public const string OhlcInconsistent = "ohlc_inconsistent";
    public const string NegativeVolume = "negative_volume";
    public const string NotTradingDay = "not_a_trading_day";
    public const string AfterRequestedEnd = "after_requested_end";
    public const string BeforeRequestedStart = "before_requested_start";
    public const string DuplicateBar = "duplicate_bar";
    public const string SymbolMismatch = "symbol_mismatch";
    public const string MissingMetadata = "missing_metadata";
    public const string InvalidMetadata = "invalid_metadata";
    public const string BodyMismatch = "body_mismatch";
    public const string MissingCurrency = "missing_currency";
    public const string EventWithoutBar = "event_without_bar";
    public const string InvalidEvent = "invalid_event";
}
