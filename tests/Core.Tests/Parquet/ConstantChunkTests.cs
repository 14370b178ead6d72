using Parquet;
using StockLakehouse.Core.Parquet;

namespace StockLakehouse.Core.Tests.Parquet;

/// <summary>Which column chunks of a lake file the footer statistics prove to hold one value, and the value they name.</summary>
public sealed class ConstantChunkTests : IDisposable
{
    private static readonly TableSchema Table = new(
        "constant",
        "silver",
        "A string column, a NULL-able one and a date column.",
        [
            new FieldSchema("symbol", "STRING", true, "The same in every row."),
            new FieldSchema("note", "STRING", false, "One value and a NULL."),
            new FieldSchema("day", "DATE", true, "Two values."),
        ],
        ["day"],
        null,
        null,
        [],
        []);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryGet_OneValueWithoutNull_IsConstant_WithANullOrTwoValues_IsNot()
    {
        var path = Path.Combine(_folder.Path, "constant.parquet");
        await new ParquetFiles().WriteAsync(
            Table,
            new RecordBatch(
            [
                new StringColumn("symbol", ["BRK.B", "BRK.B", "BRK.B"]),
                new StringColumn("note", ["x", null, "x"]),
                new DateColumn("day", [new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 3), new DateOnly(2025, 1, 2)]),
            ]),
            path,
            default);
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.DataFields;

        Assert.True(ConstantChunk.TryGet(group, fields[0], out var symbol));
        Assert.Equal("BRK.B"u8.ToArray(), symbol);
        Assert.False(ConstantChunk.TryGet(group, fields[1], out _));
        Assert.False(ConstantChunk.TryGet(group, fields[2], out _));
    }
}
