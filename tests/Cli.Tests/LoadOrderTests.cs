using System.Text.Json;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Deploy;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// Both adapters of the warehouse stage load the gold tables in one order, the stage's own
/// (<see cref="WarehouseStage.Tables"/>): <c>lakehouse run</c> into DuckDB, as its manifest's load records it, and
/// <c>lakehouse deploy</c> into BigQuery, as its plan lists the loads, planned from the same lake.
/// </summary>
public sealed class LoadOrderTests : IClassFixture<LakeRunFixture>
{
    private readonly LakeRunFixture _run;

    public LoadOrderTests(LakeRunFixture run)
    {
        _run = run;
    }

    [Fact]
    public async Task The_local_load_and_the_deploy_load_the_gold_tables_in_the_stages_order_dimensions_first()
    {
        Assert.True(_run.FirstRun.ExitCode == 0, _run.FirstRun.Error);
        var schemas = SchemaCatalog.LoadDefault();
        var load = _run.Manifests()[0].RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "load");
        var local = load.GetProperty("details").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Name).ToArray();
        var options = new DeployOptions(new DateOnly(2024, 12, 31), _run.LakePath, "proj-1234", "europe-west1", "EU", "lake-bucket", "lakehouse", DataprocEnvironment.Templated, 1, RunSparkBatches: false);

        var plan = await DeployPlanner.PlanAsync(options, schemas, MartCatalog.LoadDefault(), CancellationToken.None);

        var deploy = plan.Loads.Select(l => l.Table.Name).ToArray();
        Assert.Equal(WarehouseStage.Tables(schemas).Select(t => t.Name), local);
        Assert.Equal(local, deploy);
        Assert.True(Array.IndexOf(local, "dim_exchange") < Array.IndexOf(local, "dim_company"), string.Join(", ", local));
        Assert.True(Array.IndexOf(local, "dim_company") < Array.IndexOf(local, "fact_stock_price"), string.Join(", ", local));
    }
}
