using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What the stages share, whichever engine runs them: the lake, its partitions, the schemas, the reference data, the
/// calendar, the run id, and the company versions built from the lake once per run (once per process on Spark).
/// <see cref="Parallelism"/> is the local runner's number of workers; the stages themselves ignore it.
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
