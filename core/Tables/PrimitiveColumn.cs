namespace StockLakehouse.Core.Tables;

/// <summary>A column of unmanaged values; <see cref="Validity"/> null means every row is valid.</summary>
public abstract class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    protected PrimitiveColumn(string name, ColumnType type, T[] values, bool[]? validity)
        : base(name, type, values.Length)
    {
        if (validity is not null && validity.Length != values.Length)
        {
            throw new ArgumentException(
                $"Column '{name}' has {values.Length} values but a validity mask of {validity.Length}.",
                nameof(validity));
        }

        Values = values;
        Validity = validity;
    }

    public T[] Values { get; }

    public bool[]? Validity { get; }

    public override bool IsNull(int row) => Validity is not null && !Validity[row];

    public override int FirstNull() => Validity is null ? -1 : Array.IndexOf(Validity, false);

    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];

    public T? Get(int row) => IsNull(row) ? null : Values[row];
}
