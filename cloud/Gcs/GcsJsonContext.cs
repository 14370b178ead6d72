using System.Text.Json.Serialization;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>Source-generated (de)serialization of the JSON API's resources.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GcsObjectResource))]
[JsonSerializable(typeof(GcsObjectPage))]
[JsonSerializable(typeof(GcsUploadMetadata))]
internal sealed partial class GcsJsonContext : JsonSerializerContext;
