namespace StockLakehouse.Core.DuckDb;

/// <summary>DuckDB's <c>duckdb_state</c>: every fallible C API call returns one of these.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}
