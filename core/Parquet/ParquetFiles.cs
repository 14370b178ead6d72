using System.Buffers;
using System.IO.Compression;
using Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// Writes and reads the lake's Parquet files with Parquet.Net, laid out as <see cref="LakeParquetSchema"/> says.
/// Columnar both ways: a column's array goes to the writer as it is, and a file's column chunks are read straight into
/// the arrays of the returned batch. Stateless and safe for concurrent use.
/// </summary>
public sealed class ParquetFiles
{
    /// <summary>Rows per row group: readers (DuckDB, Spark, BigQuery) split work by row group, and one symbol's partition fits in one.</summary>
    public const int DefaultRowGroupRows = 131_072;

    /// <summary>The lake's codec, chosen by measurement (README.md, "Parquet codec").</summary>
    public const CompressionMethod DefaultCompression = CompressionMethod.Snappy;

    private readonly int _rowGroupRows;
    private readonly ParquetOptions _writeOptions;
    private readonly ParquetOptions _readOptions = new() { UseDateOnlyTypeForDates = true };

    public ParquetFiles(int rowGroupRows = DefaultRowGroupRows, CompressionMethod compression = DefaultCompression, CompressionLevel compressionLevel = CompressionLevel.Fastest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _rowGroupRows = rowGroupRows;
        _writeOptions = new ParquetOptions { CompressionMethod = compression, CompressionLevel = compressionLevel };
    }

    /// <summary>Writes <paramref name="batch"/> (checked against <paramref name="table"/> first) to a new Parquet file at <paramref name="path"/>.</summary>
    /// <remarks>
    /// The file is encoded in memory and written with one call: Parquet.Net writes a page, a header and a footer at a
    /// time, and on a file opened for asynchronous I/O each of those small writes is its own trip through the thread
    /// pool. A partition is one symbol's history, a few hundred kilobytes. A batch that fails to encode leaves no file.
    /// </remarks>
    public async Task WriteAsync(TableSchema table, RecordBatch batch, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Verify(batch);
        var encoded = EncodingBuffers.Rent();
        try
        {
            await WriteVerifiedAsync(table, batch, encoded, cancellationToken).ConfigureAwait(false);
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(encoded.GetBuffer().AsMemory(0, checked((int)encoded.Length)), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            EncodingBuffers.Return(encoded);
        }
    }

    /// <summary>Writes <paramref name="batch"/> (checked against <paramref name="table"/> first) as a whole Parquet file to <paramref name="destination"/>, which stays open.</summary>
    public async Task WriteAsync(TableSchema table, RecordBatch batch, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        table.Verify(batch);
        await WriteVerifiedAsync(table, batch, destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteVerifiedAsync(TableSchema table, RecordBatch batch, Stream destination, CancellationToken cancellationToken)
    {
        var schema = LakeParquetSchema.Of(table);
        var fields = schema.DataFields;
        var writer = await ParquetWriter.CreateAsync(schema, destination, _writeOptions, append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (var start = 0; start < batch.RowCount; start += _rowGroupRows)
            {
                var count = Math.Min(_rowGroupRows, batch.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (var i = 0; i < fields.Length; i++)
                {
                    await ParquetColumnWriter.WriteAsync(group, fields[i], batch.Columns[i], start, count, cancellationToken).ConfigureAwait(false);
                }

                group.CompleteValidate();
            }
        }
    }

    /// <summary>Reads a whole Parquet file written for <paramref name="table"/>, columns in the schema's order.</summary>
    /// <remarks>
    /// The file is read into memory with one call and decoded from there, for the reason <see cref="WriteAsync(TableSchema, RecordBatch, string, CancellationToken)"/>
    /// writes with one: the reader's small reads of the footer and of each column chunk would each be a trip through the thread pool.
    /// The buffer comes from the array pool: the batch's columns are decoded into arrays of their own, so nothing
    /// refers to it once the reader is done.
    /// </remarks>
    public async Task<RecordBatch> ReadAsync(TableSchema table, string path, CancellationToken cancellationToken)
    {
        var (buffer, length) = ReadWhole(path);
        try
        {
            using var file = new MemoryStream(buffer, 0, length, writable: false);
            return await ReadAsync(table, file, $"'{path}'", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The whole file at <paramref name="path"/> in a pooled buffer, and its length.</summary>
    private static (byte[] Buffer, int Length) ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = checked((int)RandomAccess.GetLength(handle));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read);
            if (n == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new IOException($"'{path}' ended after {read} of its {length} bytes while it was being read.");
            }

            read += n;
        }

        return (buffer, length);
    }

    /// <summary>Reads a whole Parquet file for <paramref name="table"/> from a seekable <paramref name="source"/>, named <paramref name="description"/> in errors.</summary>
    public async Task<RecordBatch> ReadAsync(TableSchema table, Stream source, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(source);
        var reader = await ParquetReader.CreateAsync(source, _readOptions, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = LakeParquetSchema.Match(table, reader.Schema, description);
            // The footer's row counts: opening a row-group reader only to count its rows would parse its metadata again per column.
            var rows = checked((int)reader.Metadata!.RowGroups.Sum(g => g.NumRows));
            var columns = new Column[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                columns[i] = await ParquetColumnReader.ReadAsync(reader, fields[i], table.Fields[i], rows, cancellationToken).ConfigureAwait(false);
            }

            return new RecordBatch(columns);
        }
    }
}
