using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Jobs.Gold;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The company versions of one run's lake, built once on first use and shared by its stages: silver asks when a
/// symbol outside the reference file needs a currency, gold always; reading a year of daily listings once is enough.
/// </summary>
public sealed class LandedCompanies
{
    private readonly Lazy<Task<CompanyVersions>> _built;

    public LandedCompanies(IObjectStore store, ReferenceData reference)
    {
        _built = new Lazy<Task<CompanyVersions>>(async () =>
        {
            var (versions, rejects) = await LandedCompanyFiles.VersionsAsync(store, reference, CancellationToken.None).ConfigureAwait(false);
            return new CompanyVersions(versions, rejects);
        });
    }

    /// <summary>The versions; a cancelled caller stops waiting while the build, shared with other stages, finishes.</summary>
    public Task<CompanyVersions> GetAsync(CancellationToken cancellationToken) => _built.Value.WaitAsync(cancellationToken);
}
