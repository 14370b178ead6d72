namespace StockLakehouse.Jobs.Indicators;

/// <summary>Argument checks shared by the indicator kernels; they run once per call, never per element.</summary>
internal static class KernelArguments
{
    /// <summary>
    /// TA-Lib's <c>TA_EPSILON</c> (1e-14 in TA-Lib 0.6): RSI is 0 when |G + L| is below it, and a
    /// Bollinger variance below it counts as zero.
    /// </summary>
    public const double TaLibEpsilon = 1e-14;

    public static void RequireSameLength(ReadOnlySpan<double> input, Span<double> output, string outputName)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException($"The output span has {output.Length} elements but the input has {input.Length}; they must be equally long.", outputName);
        }

        if (input.Overlaps(output))
        {
            throw new ArgumentException("The output span overlaps the input; the kernels read inputs behind the element they write.", outputName);
        }
    }

    public static void RequireSameLength(ReadOnlySpan<double> first, ReadOnlySpan<double> second, string secondName)
    {
        if (second.Length != first.Length)
        {
            throw new ArgumentException($"The input spans differ in length ({first.Length} and {second.Length}).", secondName);
        }
    }

    public static void RequireDistinct(Span<double> first, Span<double> second, string secondName)
    {
        if (first.Overlaps(second))
        {
            throw new ArgumentException("Two output spans overlap.", secondName);
        }
    }
}
