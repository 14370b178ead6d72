namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// Adjusted closes from as-traded closes and the corporate actions, the way Yahoo computes adjclose:
/// <code>
/// F(t)      = product of the ratios of the splits effective after t            (split factor)
/// D(t)      = product over dividends going ex on a date d after t of (1 − (div(d) / F(d)) / (close(d−1) / F(d−1)))
/// adj(t)    = close(t) / F(t) · D(t)
/// </code>
/// where d−1 is the bar before the ex-date. Both the dividend and the previous close are put on the same
/// split basis before dividing, so a split effective on an ex-date is handled. The series is adjusted to
/// the last bar given: the last bar's adjusted close equals its close. A dividend at least as large as the
/// previous close is ignored, so adjusted prices stay positive.
/// </summary>
public static class PriceAdjustment
{
    /// <summary>
    /// Fills <paramref name="adjusted"/> with adjusted closes. <paramref name="dividend"/> is the cash dividend
    /// per share as traded going ex on each bar (0 if none); <paramref name="splitRatio"/> the new shares per old
    /// share of a split effective on each bar (1 if none). One backward pass, O(n), no allocation.
    /// </summary>
    public static void AdjustedClose(ReadOnlySpan<double> close, ReadOnlySpan<double> dividend, ReadOnlySpan<double> splitRatio, Span<double> adjusted)
    {
        var n = close.Length;
        if (dividend.Length != n || splitRatio.Length != n || adjusted.Length != n)
        {
            throw new ArgumentException($"All series must have the same length; close has {n}, dividend {dividend.Length}, split ratio {splitRatio.Length}, output {adjusted.Length}.");
        }

        // Walking backwards, `splitFactor` is F(t) and `dividendFactor` is D(t) for the current t.
        var splitFactor = 1.0;
        var dividendFactor = 1.0;
        for (var t = n - 1; t >= 0; t--)
        {
            adjusted[t] = close[t] / splitFactor * dividendFactor;
            if (t == 0)
            {
                break;
            }

            // Step from t to t−1: events effective on bar t now lie "after" the earlier bars.
            var factorAtT = splitFactor;
            var ratio = splitRatio[t];
            if (ratio > 0 && ratio != 1.0)
            {
                splitFactor *= ratio;
            }

            if (dividend[t] > 0)
            {
                var dividendOnBasis = dividend[t] / factorAtT;
                var previousCloseOnBasis = close[t - 1] / splitFactor;
                // A dividend worth the whole previous close cannot be real data; skipping it keeps every
                // adjusted price positive rather than zeroing or flipping the sign of the history.
                if (dividendOnBasis < previousCloseOnBasis)
                {
                    dividendFactor *= 1 - (dividendOnBasis / previousCloseOnBasis);
                }
            }
        }
    }
}
