using System.Net;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Tests.Http;

public sealed class S3RoutingTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[]}""";

    [Fact]
    public async Task A_bucket_read_with_a_region_hint_goes_to_the_bucket_in_that_region()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, Policy, "application/json"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("s3", "global", "GetBucketPolicy", new JsonObject { ["Bucket"] = "logs-bucket" },
            new CallOptions(RegionHint: "eu-west-1"));

        Assert.Equal(Policy, (string?)result.Response!["Policy"]);
        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal("https://logs-bucket.s3.eu-west-1.amazonaws.com/?policy", request.RequestUri!.ToString());
        Assert.Contains("/eu-west-1/s3/aws4_request", FakeHandler.Authorization(request), StringComparison.Ordinal);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", request.Headers.GetValues("X-Amz-Content-SHA256").Single());
    }

    [Fact]
    public async Task Without_a_hint_the_bucket_region_comes_from_get_bucket_location()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.Query == "?location"
            ? FakeHandler.Respond(HttpStatusCode.OK, """<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">ap-south-1</LocationConstraint>""")
            : FakeHandler.Respond(HttpStatusCode.OK, "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"));
        using var client = FakeHandler.Client(handler);

        var first = await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "data" }, CancellationToken.None);
        var second = await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "data" }, CancellationToken.None);

        Assert.Equal("Enabled", (string?)first.Response!["Status"]);
        Assert.Equal("Enabled", (string?)second.Response!["Status"]);
        Assert.Equal(["data.s3.us-east-1.amazonaws.com", "data.s3.ap-south-1.amazonaws.com", "data.s3.ap-south-1.amazonaws.com"],
            handler.Requests.Select(r => r.Request.RequestUri!.Host));
    }

    [Fact]
    public async Task A_redirect_naming_the_bucket_region_is_followed()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.Host.Contains("us-east-1", StringComparison.Ordinal)
            ? FakeHandler.Respond(HttpStatusCode.MovedPermanently, "<Error><Code>PermanentRedirect</Code><Message>elsewhere</Message></Error>", "application/xml", ("x-amz-bucket-region", "eu-central-1"))
            : FakeHandler.Respond(HttpStatusCode.OK, "<VersioningConfiguration/>"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "moved" },
            new CallOptions(RegionHint: "us-east-1"));

        Assert.True(result.Succeeded);
        Assert.Equal("moved.s3.eu-central-1.amazonaws.com", handler.Requests[^1].Request.RequestUri!.Host);
    }

    [Fact]
    public async Task List_buckets_teaches_the_client_each_bucket_region()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.AbsolutePath == "/" && request.RequestUri.Host == "s3.amazonaws.com"
            ? FakeHandler.Respond(HttpStatusCode.OK, "<ListAllMyBucketsResult><Buckets><Bucket><Name>bucket-1</Name><BucketRegion>sa-east-1</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>")
            : FakeHandler.Respond(HttpStatusCode.OK, "<VersioningConfiguration/>"));
        using var client = FakeHandler.Client(handler);

        await client.ReadAsync("s3", "global", "ListBuckets", null, CancellationToken.None);
        await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "bucket-1" }, CancellationToken.None);

        Assert.Equal("bucket-1.s3.sa-east-1.amazonaws.com", handler.Requests[^1].Request.RequestUri!.Host);
    }

    [Fact]
    public async Task A_custom_endpoint_uses_path_style_and_no_account_host_prefix()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK,
            "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>"));
        using var client = FakeHandler.Client(handler, o => o with { EndpointUrl = new Uri("http://localhost:5000") });

        await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "bucket-1" }, new CallOptions("eu-west-1"));
        var result = await client.ReadAsync("s3control", "global", "GetPublicAccessBlock", new JsonObject { ["AccountId"] = "123456789012" }, CancellationToken.None);

        Assert.Equal("http://localhost:5000/bucket-1?versioning", handler.Requests[0].Request.RequestUri!.ToString());
        var control = handler.Requests[1].Request;
        Assert.Equal("http://localhost:5000/v20180820/configuration/publicAccessBlock", control.RequestUri!.ToString());
        Assert.Equal("123456789012", control.Headers.GetValues("x-amz-account-id").Single());
        Assert.True((bool)result.Response!["PublicAccessBlockConfiguration"]!["BlockPublicAcls"]!);
    }

    [Fact]
    public async Task S3_control_on_aws_puts_the_account_in_the_host_name()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, "<PublicAccessBlockConfiguration/>"));
        using var client = FakeHandler.Client(handler);

        await client.ReadAsync("s3control", "global", "GetPublicAccessBlock", new JsonObject { ["AccountId"] = "123456789012" }, CancellationToken.None);

        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal("123456789012.s3-control.us-east-1.amazonaws.com", request.RequestUri!.Host);
        Assert.Contains("/us-east-1/s3/aws4_request", FakeHandler.Authorization(request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_are_followed_once_only()
    {
        var handler = new FakeHandler((request, _, _) => FakeHandler.Respond(HttpStatusCode.MovedPermanently, "<Error><Code>PermanentRedirect</Code></Error>", "application/xml",
            ("x-amz-bucket-region", request.RequestUri!.Host.Contains("eu-west-1", StringComparison.Ordinal) ? "eu-west-2" : "eu-west-1")));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("s3", "global", "GetBucketVersioning", new JsonObject { ["Bucket"] = "flapping" }, new CallOptions("us-east-1"));

        Assert.Equal("RedirectLoop", result.Failure!.Code);
        Assert.Equal(2, handler.Requests.Count);
    }
}
