using System.Globalization;
using Microsoft.Spark.Sql;
using Serilog;
using Serilog.Events;
using StockLakehouse.Core.Schemas;
using StockLakehouse.SparkHost;

// Started by org.apache.spark.deploy.dotnet.DotnetRunner (Dataproc Serverless, or `make spark-submit`):
//   dotnet StockLakehouse.SparkHost.dll <silver|gold> --lake <gs://bucket | folder> --date yyyy-MM-dd --run-id <id>
// A failure propagates: a non-zero exit fails the batch, and Dataproc reports the message as its state message.
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture)
    .CreateLogger();

HostArguments run;
try
{
    run = HostArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    return 2;
}

var spark = SparkSession.Builder().AppName($"stocklakehouse-{run.Job}-{run.RunId}").GetOrCreate();
try
{
    Log.Information("Spark {Job} over {Lake} for {Date} (run {RunId})", run.Job, run.Lake, run.Date, run.RunId);
    var groups = new SparkJobs(spark, run.Lake);
    if (run.Job == Layers.Silver)
    {
        await StageDriver.SilverAsync(run, groups, CancellationToken.None).ConfigureAwait(false);
    }
    else
    {
        await StageDriver.GoldAsync(run, groups, CancellationToken.None).ConfigureAwait(false);
    }

    return 0;
}
finally
{
    spark.Stop();
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}
