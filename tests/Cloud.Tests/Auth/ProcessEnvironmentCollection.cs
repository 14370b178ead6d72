namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>Tests that change process-wide state (environment variables) and so run with no other test alongside.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
