// Compile-only stub of the Apache.Arrow 14.0.2 members used by spark-jobs/SparkHost.
// Shapes follow apache/arrow csharp/src/Apache.Arrow (RecordBatch.cs, Schema.Builder.cs, Field.Builder.cs,
// Arrays/BinaryArray.cs, Arrays/StringArray.cs, Arrays/PrimitiveArrayBuilder.cs, Types/*.cs).
using System;
using System.Collections.Generic;
using System.Text;
using Apache.Arrow.Memory;
using Apache.Arrow.Types;

namespace Apache.Arrow.Memory
{
    public abstract class MemoryAllocator
    {
    }
}

namespace Apache.Arrow.Types
{
    public interface IArrowType
    {
        string Name { get; }
    }

    public abstract class ArrowType : IArrowType
    {
        public abstract string Name { get; }
    }

    public sealed class NullType : ArrowType
    {
        public static readonly NullType Default = new NullType();
        public override string Name => "null";
    }

    public class BinaryType : ArrowType
    {
        public static readonly BinaryType Default = new BinaryType();
        public override string Name => "binary";
    }

    public class StringType : ArrowType
    {
        public static readonly StringType Default = new StringType();
        public override string Name => "utf8";
    }

    public abstract class NumberType : ArrowType
    {
    }

    public abstract class IntegerType : NumberType
    {
    }

    public sealed class Int64Type : IntegerType
    {
        public static readonly Int64Type Default = new Int64Type();
        public override string Name => "int64";
    }
}

namespace Apache.Arrow
{
    public interface IArrowArray : IDisposable
    {
        int Length { get; }
        int Offset { get; }
        int NullCount { get; }
        bool IsNull(int index);
        bool IsValid(int index);
    }

    public interface IArrowArrayBuilder
    {
        int Length { get; }
    }

    public interface IArrowArrayBuilder<out TArray> : IArrowArrayBuilder
        where TArray : IArrowArray
    {
        TArray Build(MemoryAllocator allocator);
    }

    public interface IArrowArrayBuilder<out TArray, out TBuilder> : IArrowArrayBuilder<TArray>
        where TArray : IArrowArray
        where TBuilder : IArrowArrayBuilder<TArray>
    {
    }

    public interface IArrowArrayBuilder<T, out TArray, out TBuilder> : IArrowArrayBuilder<TArray, TBuilder>
        where TArray : IArrowArray
        where TBuilder : IArrowArrayBuilder<TArray>
    {
    }

    public abstract class Array : IArrowArray
    {
        public int Length => throw null;
        public int Offset => throw null;
        public int NullCount => throw null;
        public bool IsValid(int index) => throw null;
        public bool IsNull(int index) => throw null;
        public void Dispose() => throw null;
    }

    public class BinaryArray : Array
    {
        public class Builder : BuilderBase<BinaryArray, Builder>
        {
            public Builder() : base(BinaryType.Default) { }
        }

        public abstract class BuilderBase<TArray, TBuilder> : IArrowArrayBuilder<byte, TArray, TBuilder>
            where TArray : IArrowArray
            where TBuilder : class, IArrowArrayBuilder<byte, TArray, TBuilder>
        {
            protected BuilderBase(IArrowType dataType) { }
            public int Length => throw null;
            public TArray Build(MemoryAllocator allocator = default) => throw null;
            public TBuilder AppendNull() => throw null;
            public TBuilder Append(byte value) => throw null;
            public TBuilder Append(ReadOnlySpan<byte> span) => throw null;
            public TBuilder Append(IEnumerable<byte> value) => throw null;
            public TBuilder AppendRange(IEnumerable<byte> values) => throw null;
            public TBuilder AppendRange(IEnumerable<byte[]> values) => throw null;
            public TBuilder Clear() => throw null;
        }

        public ReadOnlySpan<byte> GetBytes(int index) => throw null;
        public ReadOnlySpan<byte> GetBytes(int index, out bool isNull) => throw null;
    }

    public class StringArray : BinaryArray
    {
        public static readonly Encoding DefaultEncoding = Encoding.UTF8;

        public new class Builder : BuilderBase<StringArray, Builder>
        {
            public Builder() : base(StringType.Default) { }
            public Builder Append(string value, Encoding encoding = null) => throw null;
            public Builder AppendRange(IEnumerable<string> values, Encoding encoding = null) => throw null;
        }

        public string GetString(int index, Encoding encoding = default) => throw null;
    }

    public abstract class PrimitiveArray<T> : Array
        where T : struct
    {
        public T? GetValue(int index) => throw null;
    }

    public abstract class PrimitiveArrayBuilder<T, TArray, TBuilder> : IArrowArrayBuilder<T, TArray, TBuilder>
        where T : struct
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        public int Length => throw null;
        public TBuilder Append(T value) => throw null;
        public TBuilder Append(ReadOnlySpan<T> span) => throw null;
        public TBuilder Append(T? value) => throw null;
        public TBuilder AppendRange(IEnumerable<T> values) => throw null;
        public TBuilder AppendNull() => throw null;
        public TArray Build(MemoryAllocator allocator = default) => throw null;
    }

    public class Int64Array : PrimitiveArray<long>
    {
        public class Builder : PrimitiveArrayBuilder<long, Int64Array, Builder>
        {
        }
    }

    public partial class Field
    {
        public IArrowType DataType => throw null;
        public string Name => throw null;
        public bool IsNullable => throw null;

        public class Builder
        {
            public Builder Name(string value) => throw null;
            public Builder DataType(IArrowType type) => throw null;
            public Builder DataType(System.Type valueType, string timezone = null) => throw null;
            public Builder Nullable(bool value) => throw null;
            public Builder Metadata(string key, string value) => throw null;
            public Builder Metadata(IEnumerable<KeyValuePair<string, string>> dictionary) => throw null;
            public Field Build() => throw null;
        }
    }

    public partial class Schema
    {
        public IReadOnlyList<Field> FieldsList => throw null;
        public Field GetFieldByName(string name) => throw null;
        public int GetFieldIndex(string name, StringComparer comparer = default) => throw null;

        public class Builder
        {
            public Builder Clear() => throw null;
            public Builder Field(Field field) => throw null;
            public Builder Field(Action<Field.Builder> fieldBuilderAction) => throw null;
            public Builder Metadata(string key, string value) => throw null;
            public Builder Metadata(IEnumerable<KeyValuePair<string, string>> dictionary) => throw null;
            public Schema Build() => throw null;
        }
    }

    public partial class RecordBatch : IDisposable
    {
        public RecordBatch(Schema schema, IEnumerable<IArrowArray> data, int length) => throw null;

        public Schema Schema => throw null;
        public int ColumnCount => throw null;
        public IEnumerable<IArrowArray> Arrays => throw null;
        public int Length => throw null;
        public IArrowArray Column(int i) => throw null;
        public IArrowArray Column(string columnName) => throw null;
        public void Dispose() => throw null;
        protected virtual void Dispose(bool disposing) => throw null;
    }
}
