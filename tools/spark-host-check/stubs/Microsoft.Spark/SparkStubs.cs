// Compile-only stub of the Microsoft.Spark 2.4.0 members used by spark-jobs/SparkHost.
// Shapes follow dotnet/spark src/csharp/Microsoft.Spark/Sql/{SparkSession,Builder,DataFrameReader,DataFrame,
// RelationalGroupedDataset,Row,Column,Functions}.cs, Sql/Expressions/{Window,WindowSpec}.cs and
// Sql/Types/{DataType,SimpleTypes,ComplexTypes}.cs.
// The real assembly is not nullable-annotated, so this one is compiled with nullable disabled (oblivious).
using System;
using System.Collections.Generic;
using Apache.Arrow;
using Microsoft.Spark.Sql.Expressions;
using Microsoft.Spark.Sql.Types;
using Newtonsoft.Json.Linq;
using FxDataFrame = Microsoft.Data.Analysis.DataFrame;

namespace Microsoft.Spark.Sql
{
    public sealed class SparkSession : IDisposable
    {
        internal SparkSession() { }
        public static Builder Builder() => throw null;
        public DataFrameReader Read() => throw null;
        public void Stop() => throw null;
        public void Dispose() => throw null;
    }

    public sealed class Builder
    {
        internal Builder() { }
        public Builder Master(string master) => throw null;
        public Builder AppName(string appName) => throw null;
        public Builder Config(string key, string value) => throw null;
        public Builder Config(string key, bool value) => throw null;
        public Builder Config(string key, double value) => throw null;
        public Builder Config(string key, long value) => throw null;
        public SparkSession GetOrCreate() => throw null;
    }

    public sealed class DataFrameReader
    {
        internal DataFrameReader() { }
        public DataFrameReader Format(string source) => throw null;
        public DataFrameReader Schema(StructType schema) => throw null;
        public DataFrameReader Schema(string schemaString) => throw null;
        public DataFrameReader Option(string key, string value) => throw null;
        public DataFrameReader Option(string key, bool value) => throw null;
        public DataFrameReader Option(string key, long value) => throw null;
        public DataFrameReader Option(string key, double value) => throw null;
        public DataFrameReader Options(Dictionary<string, string> options) => throw null;
        public DataFrame Load() => throw null;
        public DataFrame Load(string path) => throw null;
        public DataFrame Load(params string[] paths) => throw null;
    }

    public sealed class DataFrame
    {
        internal DataFrame() { }
        public Column this[string columnName] => throw null;
        public IReadOnlyList<string> Columns() => throw null;
        public DataFrame Select(params Column[] columns) => throw null;
        public DataFrame Select(string column, params string[] columns) => throw null;
        public RelationalGroupedDataset GroupBy(params Column[] columns) => throw null;
        public RelationalGroupedDataset GroupBy(string column, params string[] columns) => throw null;
        public IEnumerable<Row> Collect() => throw null;
    }

    public sealed class RelationalGroupedDataset
    {
        internal RelationalGroupedDataset() { }
        public DataFrame Agg(Column expr, params Column[] exprs) => throw null;
        public DataFrame Count() => throw null;
        public DataFrame Apply(StructType returnType, Func<FxDataFrame, FxDataFrame> func) => throw null;
        public DataFrame Apply(StructType returnType, Func<RecordBatch, RecordBatch> func) => throw null;
    }

    public sealed class Row
    {
        internal Row(object[] values, StructType schema) => throw null;
        public StructType Schema => throw null;
        public object[] Values => throw null;
        public int Size() => throw null;
        public object this[int index] => throw null;
        public object Get(int index) => throw null;
        public object Get(string columnName) => throw null;
        public T GetAs<T>(int index) => throw null;
        public T GetAs<T>(string columnName) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
    }

    public sealed class Column
    {
        internal Column() { }
        public static Column operator ==(Column lhs, object rhs) => throw null;
        public static Column operator !=(Column lhs, object rhs) => throw null;
        public Column Alias(string alias) => throw null;
        public Column As(string alias) => throw null;
        public Column Name(string alias) => throw null;
        public Column Over(WindowSpec window) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
    }

    public static class Functions
    {
        public static Column Column(string columnName) => throw null;
        public static Column Col(string columnName) => throw null;
        public static Column RegexpExtract(Column column, string exp, int groupIdx) => throw null;
        public static Column Count(Column column) => throw null;
        // Not used by SparkHost, but imported by its `using static Microsoft.Spark.Sql.Functions;` and named like
        // Serilog's Log class, which the host (Program.cs, LakeStores.cs) uses: kept so the stub shows any name clash the real class causes.
        public static Column Log(Column column) => throw null;
        public static Column Log(string columnName) => throw null;
        public static Column Log(double logBase, Column column) => throw null;
        public static Column Log(double logBase, string columnName) => throw null;
    }
}

namespace Microsoft.Spark.Sql.Expressions
{
    public static class Window
    {
        public static WindowSpec PartitionBy(string colName, params string[] colNames) => throw null;
    }

    public sealed class WindowSpec
    {
        internal WindowSpec() { }
    }
}

namespace Microsoft.Spark.Sql.Types
{
    public abstract class DataType
    {
        public string TypeName => throw null;
        public virtual string SimpleString => throw null;
        public string Json => throw null;
    }

    public abstract class AtomicType : DataType
    {
    }

    public abstract class NumericType : AtomicType
    {
    }

    public abstract class IntegralType : NumericType
    {
    }

    public sealed class StringType : AtomicType
    {
    }

    public sealed class BinaryType : AtomicType
    {
    }

    public sealed class LongType : IntegralType
    {
    }

    public sealed class StructField
    {
        public StructField(string name, DataType dataType, bool isNullable = true, JObject metadata = null) => throw null;
        public string Name => throw null;
        public DataType DataType => throw null;
        public bool IsNullable => throw null;
    }

    public sealed class StructType : DataType
    {
        public StructType(IEnumerable<StructField> fields) => throw null;
        public List<StructField> Fields => throw null;
    }
}
