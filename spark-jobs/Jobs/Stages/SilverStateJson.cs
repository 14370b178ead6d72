using System.Text.Json.Serialization;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// Compile-time JSON metadata for silver's state, read and written once per symbol on every run: built by reflection,
/// each process paid for inspecting the types and compiling their accessors before its first symbol. The same options
/// as <see cref="StageState"/>'s, so the bytes are those the reflection-based serializer writes.
/// </summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SilverPartitionState))]
internal sealed partial class SilverStateJson : JsonSerializerContext;
