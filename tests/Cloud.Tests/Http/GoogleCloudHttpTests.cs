using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Tests.Auth;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class GoogleCloudHttpTests
{
    [Fact]
    public async Task CreateClient_EveryRequest_CarriesTheCredentialsTokenAndTheApplicationName()
    {
        var transport = new RecordingUserAgent();
        using var http = GoogleCloudHttp.CreateClient(GoogleCredential.FromAccessToken(Clients.Token), new GoogleRetryHandler(new RecordingClock(Clients.Start), Serilog.Core.Logger.None), transport);

        using var first = await http.GetAsync(new Uri("https://dataproc.googleapis.com/v1/a"));
        using var second = await http.GetAsync(new Uri("https://dataproc.googleapis.com/v1/b"));

        Assert.Equal([$"Bearer {Clients.Token}", $"Bearer {Clients.Token}"], transport.Authorizations);
        Assert.All(transport.UserAgents, ua => Assert.StartsWith(GoogleCloudHttp.ApplicationName + " ", ua, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateClient_ServiceAccount_FetchesOneTokenAndRefreshesItWhenTheApiAnswers401()
    {
        using var keyFile = new ServiceAccountKeyFile();
        var endpoint = new FakeTokenEndpoint(keyFile.Key);
        var serviceAccount = await CredentialFactory.FromFileAsync<ServiceAccountCredential>(keyFile.Path, CancellationToken.None);
        var credential = serviceAccount.ToGoogleCredential().CreateScoped(GoogleScopes.CloudPlatform).CreateWithHttpClientFactory(endpoint.Factory);
        var api = new ScriptedHandler()
            .Then(HttpStatusCode.OK, "{}")
            .Then(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}")
            .Then(HttpStatusCode.OK, "{}");
        var json = new GoogleJsonClient(GoogleCloudHttp.CreateClient(credential, new GoogleRetryHandler(new RecordingClock(Clients.Start), Serilog.Core.Logger.None), api));

        await json.GetAsync(new Uri("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs/a"), CancellationToken.None);
        await json.GetAsync(new Uri("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs/b"), CancellationToken.None);

        Assert.Equal(["Bearer ya29.test-1", "Bearer ya29.test-1", "Bearer ya29.test-2"], api.Requests.Select(r => r.Authorization));
        Assert.Equal(2, endpoint.Grants.Count);
    }

    [Fact]
    public async Task CreateClient_GzipAnswer_IsDecompressedBeforeTheJsonIsRead()
    {
        var transport = new GzipAnswer("{\"kind\":\"bigquery#job\"}");
        var json = new GoogleJsonClient(GoogleCloudHttp.CreateClient(GoogleCredential.FromAccessToken(Clients.Token), new GoogleRetryHandler(new RecordingClock(Clients.Start), Serilog.Core.Logger.None), transport));

        var answer = await json.GetAsync(new Uri("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs/a"), CancellationToken.None);

        Assert.Equal("bigquery#job", answer["kind"]!.GetValue<string>());
        Assert.Contains("gzip", transport.AcceptEncoding, StringComparison.Ordinal);
    }

    private sealed class GzipAnswer(string json) : HttpMessageHandler
    {
        public string AcceptEncoding { get; private set; } = string.Empty;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            AcceptEncoding = request.Headers.AcceptEncoding.ToString();
            using var compressed = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(System.Text.Encoding.UTF8.GetBytes(json));
            }

            var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add("gzip");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    private sealed class RecordingUserAgent : HttpMessageHandler
    {
        public List<string?> Authorizations { get; } = [];

        public List<string> UserAgents { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
            UserAgents.Add(string.Join(" ", request.Headers.UserAgent.Select(p => p.ToString())));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")) });
        }
    }
}
