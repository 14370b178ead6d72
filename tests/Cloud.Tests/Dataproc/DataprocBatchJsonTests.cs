namespace StockLakehouse.Cloud.Tests.Dataproc;

public sealed class DataprocBatchJsonTests
{
    private static readonly SparkBatchSpec Spec = SparkHostJobs.ForDate("silver", "lake-bucket", new DateOnly(2025, 12, 31), 1, DataprocEnvironment.Conventional("proj", "europe-west1")).Spec;

    [Fact]
    public void For_RestNames_IsTheDocumentedBatchResource()
    {
        var batch = DataprocBatchJson.For(Spec, DataprocFieldNames.Camel);

        Assert.Equal("org.apache.spark.deploy.dotnet.DotnetRunner", batch["sparkBatch"]!["mainClass"]!.GetValue<string>());
        Assert.Equal("file:///opt/spark-dotnet/microsoft-spark-4-0_2.13-2.4.0.jar", batch["sparkBatch"]!["jarFileUris"]![0]!.GetValue<string>());
        Assert.Equal("3.0", batch["runtimeConfig"]!["version"]!.GetValue<string>());
        Assert.Equal("europe-west1-docker.pkg.dev/proj/lakehouse-images/spark-dotnet:latest", batch["runtimeConfig"]!["containerImage"]!.GetValue<string>());
        Assert.Equal("lakehouse-dataproc@proj.iam.gserviceaccount.com", batch["environmentConfig"]!["executionConfig"]!["serviceAccount"]!.GetValue<string>());
        Assert.Equal("projects/proj/regions/europe-west1/subnetworks/lakehouse-dataproc", batch["environmentConfig"]!["executionConfig"]!["subnetworkUri"]!.GetValue<string>());
        Assert.Equal("20251231", batch["labels"]!["session"]!.GetValue<string>());
        // Runtime 3.0 and later use no Cloud Storage staging bucket, so the batch names none.
        Assert.Null(batch["environmentConfig"]!["executionConfig"]!["stagingBucket"]);
        // Runtime 3.0 defaults to the submitter's credentials; the workload must run as the service account.
        Assert.Equal("SERVICE_ACCOUNT", batch["environmentConfig"]!["executionConfig"]!["authenticationConfig"]!["userWorkloadAuthenticationType"]!.GetValue<string>());
    }

    [Fact]
    public void For_ProtoNames_AreSnakeCaseButLabelKeysKeepTheirSpelling()
    {
        var batch = DataprocBatchJson.For(Spec, DataprocFieldNames.Snake);

        Assert.Equal("org.apache.spark.deploy.dotnet.DotnetRunner", batch["spark_batch"]!["main_class"]!.GetValue<string>());
        Assert.NotNull(batch["spark_batch"]!["jar_file_uris"]);
        Assert.Equal("3.0", batch["runtime_config"]!["version"]!.GetValue<string>());
        Assert.NotNull(batch["runtime_config"]!["container_image"]);
        Assert.NotNull(batch["environment_config"]!["execution_config"]!["service_account"]);
        Assert.NotNull(batch["environment_config"]!["execution_config"]!["subnetwork_uri"]);
        Assert.Equal("SERVICE_ACCOUNT", batch["environment_config"]!["execution_config"]!["authentication_config"]!["user_workload_authentication_type"]!.GetValue<string>());
        Assert.Equal("silver", batch["labels"]!["job"]!.GetValue<string>());
        Assert.NotNull(batch["labels"]!["session"]);
    }

    [Theory]
    [InlineData(DataprocFieldNames.Camel, "runtimeConfig")]
    [InlineData(DataprocFieldNames.Snake, "runtime_config")]
    public void For_EveryJob_LetsDotnetRunnerStartOnAnyPatchOfSpark40(DataprocFieldNames names, string runtimeConfig)
    {
        foreach (var job in SparkHostJobs.All)
        {
            var spec = SparkHostJobs.ForDate(job, "lake-bucket", new DateOnly(2025, 12, 31), 1, DataprocEnvironment.Conventional("proj", "europe-west1")).Spec;

            var properties = DataprocBatchJson.For(spec, names)[runtimeConfig]!["properties"]!;

            // Property names are Spark's, not fields of the Batch resource: they keep their spelling either way.
            Assert.Equal("true", properties["spark.dotnet.ignoreSparkPatchVersionCheck"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Spec_EveryJob_HandsAGroupedMapTaskASymbolsRawFilesOfCenturiesOfDailyRunsInOneArrowBatch()
    {
        // A symbol's silver group is two files (object and .meta.json) per landed object, and daily mode lands one
        // object a trading day (about 252 a year): the limit must hold a group far beyond any lake's history,
        // where Spark's default of 10,000 rows runs out after about 20 years.
        const int FilesPerCentury = 2 * 252 * 100;
        foreach (var job in SparkHostJobs.All)
        {
            var spec = SparkHostJobs.ForDate(job, "lake-bucket", new DateOnly(2025, 12, 31), 1, DataprocEnvironment.Conventional("proj", "europe-west1")).Spec;

            var limit = int.Parse(spec.Properties["spark.sql.execution.arrow.maxRecordsPerBatch"], System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(limit >= 10 * FilesPerCentury, $"maxRecordsPerBatch {limit} holds fewer than a thousand years of a symbol's daily files.");
        }
    }

    [Fact]
    public void Spec_Silver_RunsTheHostOverTheBucketForTheDate()
    {
        Assert.Equal(
            ["dotnet", "/opt/lakehouse/StockLakehouse.SparkHost.dll", "silver", "--lake", "gs://lake-bucket", "--date", "2025-12-31", "--run-id", "lakehouse-silver-20251231"],
            Spec.Args);
    }

    [Fact]
    public void Spec_UnknownJob_Throws()
    {
        Assert.Throws<ArgumentException>(() => SparkHostJobs.Spec("bronze", "b", "2025-12-31", "20251231", "run", DataprocEnvironment.Templated));
    }
}
