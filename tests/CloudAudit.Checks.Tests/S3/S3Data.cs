using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.S3;

/// <summary>Builders for S3 data in tests: a bucket listing and per-bucket answers.</summary>
public static class S3Data
{
    public const string AllBlocked = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}""";
    public const string AclsOnly = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}""";
    public const string PolicyOnly = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}""";

    /// <summary>Lists buckets; a null region leaves BucketRegion out, as older endpoints do.</summary>
    public static TestAccount WithBuckets(this TestAccount account, params (string Name, string? Region)[] buckets)
    {
        var items = buckets.Select(b => b.Region is null
            ? $$"""{"Name": "{{b.Name}}", "CreationDate": "2024-03-01T10:00:00+00:00"}"""
            : $$"""{"Name": "{{b.Name}}", "CreationDate": "2024-03-01T10:00:00+00:00", "BucketRegion": "{{b.Region}}"}""");
        account.Record.Global(S3Calls.ListBuckets, $$"""{"Buckets": [{{string.Join(",", items)}}], "Owner": {"ID": "abc"} }""");
        return account;
    }

    public static TestAccount WithBuckets(this TestAccount account, params string[] names) =>
        account.WithBuckets(names.Select(n => (n, (string?)"us-east-1")).ToArray());

    public static TestAccount Answer(this TestAccount account, ApiCall call, string bucket, string json)
    {
        account.Record.Target(call, "global", Params(("Bucket", bucket)), json);
        return account;
    }

    public static TestAccount Error(this TestAccount account, ApiCall call, string bucket, string code,
        ErrorKind kind = ErrorKind.NotFound, int status = 404)
    {
        account.Record.Failure(call, "global", Params(("Bucket", bucket)), kind, code, code, status);
        return account;
    }

    public static TestAccount DeniedFor(this TestAccount account, ApiCall call, string bucket) =>
        account.Error(call, bucket, "AccessDenied", ErrorKind.AccessDenied, 403);

    public static TestAccount AccountBlock(this TestAccount account, string json)
    {
        account.Record.Target(S3Calls.GetAccountPublicAccessBlock, "global", Params(("AccountId", TestAccount.Id)), json);
        return account;
    }

    public static Finding For(this CheckResult result, string bucket) => Assert.Single(result.Findings, f => f.ResourceId == bucket);
}
