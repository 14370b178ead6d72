using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// What the local jobs share: the lake, its partitions, the schemas, the reference data, the calendar, the run id, and
/// the company versions built from the lake once per run.
/// </summary>
public sealed record LakeContext(
    string RunId,
    IObjectStore Store,
    PartitionStore Partitions,
    SchemaCatalog Schemas,
    ReferenceData Reference,
    NyseCalendar Calendar,
    int Parallelism)
{
    public LandedCompanies Companies { get; } = new(Store, Reference);
}
