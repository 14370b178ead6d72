namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// A dividend or split as gold's price adjustment reads it (<see cref="Gold.PriceAdjustment"/>): its trade date, the cash
/// dividend and split ratio of the bar, and the as-traded close of the bar before it, which a dividend's factor divides
/// by (null when the rows read begin with the event: it then matches only another such record, and a computation that
/// reads the bar before it does not bound the change).
/// Equal lists of these on and after a date give equal adjusted closes before it.
/// </summary>
public sealed record GoldEvent(DateOnly Date, double Dividend, double SplitRatio, double? PreviousClose);
