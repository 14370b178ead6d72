using System.Reflection;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// A stage's code version is the module version ids of the jobs and core assemblies (<see cref="StageCodeVersion"/>),
/// which a deterministic build keeps equal for equal source only when nothing else in the assembly changes with the
/// commit: the informational version must not carry the commit id, or every commit would make the next run recompute
/// the whole lake.
/// </summary>
public sealed class StageCodeVersionTests
{
    [Fact]
    public void The_assemblies_of_the_code_version_carry_no_commit_id()
    {
        foreach (var assembly in new[] { typeof(StageCodeVersion).Assembly, typeof(PartitionStore).Assembly })
        {
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            Assert.NotNull(version);
            Assert.DoesNotContain("+", version, StringComparison.Ordinal);
        }
    }
}
