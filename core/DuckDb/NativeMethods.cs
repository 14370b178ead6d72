using System.Runtime.InteropServices;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// The subset of DuckDB's C API (duckdb.h) this binding uses. Signatures are blittable on purpose: handles are
/// <see cref="IntPtr"/> or <see cref="SafeHandle"/>, strings are UTF-8, and hot per-chunk calls take raw pointers so
/// the generated stubs add no marshalling work.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string LibraryName = DuckDbLibraryResolver.LibraryName;

    // The resolver must be in place before the first P/Invoke binds; every native call goes through this type.
    static NativeMethods() => DuckDbLibraryResolver.Register();

    // ---- Database and connection ----

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_open_ext(string? path, out IntPtr database, IntPtr config, out IntPtr error);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_close(ref IntPtr database);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_connect(DatabaseHandle database, out IntPtr connection);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_disconnect(ref IntPtr connection);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_library_version();

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_free(IntPtr pointer);

    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_vector_size();

    // ---- Queries and results ----

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_destroy_result(DuckDbResult* result);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_result_error(DuckDbResult* result);

    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_column_count(DuckDbResult* result);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_column_name(DuckDbResult* result, ulong column);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_column_logical_type(DuckDbResult* result, ulong column);

    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_rows_changed(DuckDbResult* result);

    // Deprecated upstream but still exported by 1.5; unlike the other legacy result functions it only reads the
    // materialized row count (0 for streams) and does not switch the result away from duckdb_fetch_chunk.
    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_row_count(DuckDbResult* result);

    // Takes the 48-byte struct by value, exactly as the C signature does.
    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_fetch_chunk(DuckDbResult result);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong duckdb_extract_statements(ConnectionHandle connection, string query, out IntPtr extractedStatements);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_extract_statements_error(IntPtr extractedStatements);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_destroy_extracted(ref IntPtr extractedStatements);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_prepare_extracted_statement(
        ConnectionHandle connection, IntPtr extractedStatements, ulong index, out IntPtr preparedStatement);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_prepare_error(IntPtr preparedStatement);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_destroy_prepare(ref IntPtr preparedStatement);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_execute_prepared(IntPtr preparedStatement, DuckDbResult* result);

    // Deprecated upstream but still exported by 1.5; it is the only C entry point that yields a streaming result.
    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_execute_prepared_streaming(IntPtr preparedStatement, DuckDbResult* result);

    // ---- Logical types ----

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_create_logical_type(DuckDbType type);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbType duckdb_get_type_id(IntPtr logicalType);

    [LibraryImport(LibraryName)]
    internal static partial byte duckdb_decimal_width(IntPtr logicalType);

    [LibraryImport(LibraryName)]
    internal static partial byte duckdb_decimal_scale(IntPtr logicalType);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbType duckdb_decimal_internal_type(IntPtr logicalType);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_destroy_logical_type(ref IntPtr logicalType);

    // ---- Data chunks and vectors ----

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_create_data_chunk(IntPtr* types, ulong columnCount);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_destroy_data_chunk(ref IntPtr chunk);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_data_chunk_reset(IntPtr chunk);

    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_data_chunk_get_size(IntPtr chunk);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_data_chunk_set_size(IntPtr chunk, ulong size);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_data_chunk_get_vector(IntPtr chunk, ulong column);

    [LibraryImport(LibraryName)]
    internal static partial void* duckdb_vector_get_data(IntPtr vector);

    [LibraryImport(LibraryName)]
    internal static partial ulong* duckdb_vector_get_validity(IntPtr vector);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_vector_ensure_validity_writable(IntPtr vector);

    [LibraryImport(LibraryName)]
    internal static partial void duckdb_vector_assign_string_element_len(IntPtr vector, ulong index, byte* value, ulong length);

    // ---- Appender ----

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_appender_create(ConnectionHandle connection, string? schema, string table, out IntPtr appender);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_appender_error(IntPtr appender);

    [LibraryImport(LibraryName)]
    internal static partial ulong duckdb_appender_column_count(AppenderHandle appender);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr duckdb_appender_column_type(AppenderHandle appender, ulong column);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_append_data_chunk(AppenderHandle appender, IntPtr chunk);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_appender_flush(AppenderHandle appender);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_appender_close(AppenderHandle appender);

    [LibraryImport(LibraryName)]
    internal static partial DuckDbState duckdb_appender_destroy(ref IntPtr appender);

    /// <summary>Copies a NUL-terminated UTF-8 string owned by DuckDB; null stays null.</summary>
    internal static string? ReadString(IntPtr utf8) => Marshal.PtrToStringUTF8(utf8);
}
