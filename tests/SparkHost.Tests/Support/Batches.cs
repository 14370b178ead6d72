using StockLakehouse.Core.Tables;

namespace StockLakehouse.SparkHost.Tests.Support;

/// <summary>Compares partitions read back from two lakes: same columns in the same order, same rows, same values.</summary>
internal static class Batches
{
    public static void AssertEqual(RecordBatch? expected, RecordBatch? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Type)), actual.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var column in expected.Columns)
        {
            var other = actual[column.Name];
            for (var row = 0; row < expected.RowCount; row++)
            {
                Assert.True(
                    Equals(column.GetValue(row), other.GetValue(row)),
                    $"Column '{column.Name}' row {row}: expected {column.GetValue(row) ?? "NULL"}, got {other.GetValue(row) ?? "NULL"}.");
            }
        }
    }
}
