using Microsoft.Extensions.Time.Testing;
using StockLakehouse.Cli.Options;
using StockLakehouse.Extractor.Catalog;

namespace StockLakehouse.Cli.Tests;

/// <summary>Each command receives the settings of its own option groups: only the commands that extract have extract settings.</summary>
public sealed class OptionResolverTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 5, 23, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private CommonOptionValues Common(string? symbols = "AAPL,MSFT") => new() { Output = _folder.Path, Symbols = symbols };

    [Fact]
    public void A_command_that_does_not_extract_has_no_extract_settings_and_the_fixed_default_dates()
    {
        var settings = OptionResolver.Resolve(Common(), null, PipelineCommand.Transform, _clock);

        Assert.Null(settings.Extract);
        Assert.Equal((OptionDefaults.Start, OptionDefaults.End), (settings.Common.Start, settings.Common.End));
        Assert.Equal(["AAPL", "MSFT"], settings.Common.Symbols.Select(s => s.Value));
        Assert.False(settings.Common.EveryLakeSymbol);
    }

    [Fact]
    public void Run_resolves_its_extract_options_and_a_live_source_ends_on_the_last_closed_session()
    {
        var settings = OptionResolver.Resolve(Common(), new ExtractOptionValues { Source = "yahoo", Mode = "daily", Lookback = 3 }, PipelineCommand.Run, _clock);

        Assert.NotNull(settings.Extract);
        Assert.Equal(ExtractSourceCatalog.Yahoo, settings.Extract.Source.Source);
        Assert.Equal(3, settings.Extract.LookbackTradingDays);
        Assert.Equal(new DateOnly(2025, 3, 5), settings.Common.End);
    }

    [Fact]
    public void An_import_is_narrowed_to_the_symbols_and_dates_given()
    {
        var common = Common("KO") with { Start = "2024-01-02", End = "2024-06-28" };

        var settings = OptionResolver.Resolve(common, new ExtractOptionValues { Source = "import", ImportFolder = _folder.Path }, PipelineCommand.Extract, _clock);

        Assert.Equal(["KO"], settings.Extract!.Source.ImportSymbols);
        Assert.Equal((new DateOnly(2024, 1, 2), new DateOnly(2024, 6, 28)), (settings.Extract.Source.ImportFrom, settings.Extract.Source.ImportTo));
    }

    [Fact]
    public void Transform_without_symbols_covers_every_symbol_in_the_lake()
    {
        var settings = OptionResolver.Resolve(Common(symbols: null), null, PipelineCommand.Transform, _clock);

        Assert.True(settings.Common.EveryLakeSymbol);
    }

    [Fact]
    public void A_bad_extract_value_is_refused_in_a_sentence_naming_it()
    {
        var error = Assert.Throws<UsageException>(() => OptionResolver.Resolve(Common(), new ExtractOptionValues { Source = "bloomberg" }, PipelineCommand.Run, _clock));

        Assert.StartsWith("--source 'bloomberg' is not a source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_options_for_a_command_without_the_extract_group_are_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => OptionResolver.Resolve(Common(), new ExtractOptionValues(), PipelineCommand.Load, _clock));
        Assert.Throws<ArgumentException>(() => OptionResolver.Resolve(Common(), null, PipelineCommand.Extract, _clock));
    }
}
