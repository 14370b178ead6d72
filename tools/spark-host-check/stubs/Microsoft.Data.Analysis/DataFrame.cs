// Compile-only stub: only the type itself, so RelationalGroupedDataset.Apply keeps its real overload set.
namespace Microsoft.Data.Analysis
{
    public partial class DataFrame
    {
    }
}
