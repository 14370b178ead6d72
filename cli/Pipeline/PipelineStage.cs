namespace StockLakehouse.Cli.Pipeline;

public enum PipelineStage
{
    Extract,
    Silver,
    Gold,
    Load,
    Check,
}
