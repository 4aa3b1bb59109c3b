using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// S3 checks against moto. moto accepts MFA Delete in PutBucketVersioning but never stores it, so every versioned
/// bucket fails aws-s3-007 there; the passing case is the bucket's versioning as AWS reports it. moto also answers
/// GetBucketEncryption with ServerSideEncryptionConfigurationNotFoundError for a bucket never given a default, where
/// AWS has applied SSE-S3 to every bucket since January 2023.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class S3ScenarioTests(MotoServer moto) : CatalogueTests<S3ScenarioTests>(moto), IServiceCatalogue
{
    public static IReadOnlyList<Expected> Table { get; } =
    [
        // The data bucket has no block of its own and relies on the account's: complete in the hardened account, in
        // the exposed one without BlockPublicPolicy and RestrictPublicBuckets. Buckets with all four of their own pass.
        new("aws-s3-001", Pass, Fail, NotApplicable, "{open-bucket}", "{data-bucket}") { Passes = ["{log-bucket}"], HardenedPasses = ["{data-bucket}"] },
        new("aws-s3-002", Pass, Fail, NotApplicable, "{open-bucket}", "{half-bucket}") { Passes = ["{log-bucket}", "{data-bucket}"] },
        new("aws-s3-003", Pass, Fail, NotApplicable, "{open-bucket}", "{half-bucket}") { Passes = ["{log-bucket}", "{data-bucket}"] },
        new("aws-s3-004", Pass, Fail, NotApplicable, "{open-bucket}", "{half-bucket}") { Passes = ["{log-bucket}", "{data-bucket}"] },
        // The log bucket receives the others' logs and is not asked to log itself.
        new("aws-s3-005", Pass, Fail, NotApplicable, "{open-bucket}", "{eu-bucket}") { Passes = ["{data-bucket}"] },
        // moto: MFADelete is never stored.
        new("aws-s3-007", Fail, Fail, NotApplicable, "{open-bucket}", "{half-bucket}", "{data-bucket}", "{log-bucket}", "{eu-bucket}"),
        new("aws-s3-008", Pass, Fail, Fail, "{account}") { HardenedPasses = ["{account}"] },
    ];

    [MotoFact]
    public void Each_gap_of_a_bucket_is_its_own_finding_with_the_wording_of_its_cause()
    {
        var run = Moto.CatalogueScan("exposed");
        var open = Moto.Id("exposed", "open-bucket");
        var half = Moto.Id("exposed", "half-bucket");

        var lifecycle = run.Result("aws-s3-004").GetProperty("findings").EnumerateArray()
            .Select(f => (Bucket: f.GetProperty("resource_id").GetString(), Severity: f.GetProperty("severity").GetString())).ToList();
        // half is versioning-suspended: noncurrent versions (medium) and incomplete uploads (low); open has no rule (low).
        Assert.Equal([(half, "low"), (half, "medium"), (open, "low")], lifecycle.Order());
        Assert.Contains(run.FindingDescriptions("aws-s3-002"), d => d.Contains($"{half} encrypts new objects with S3-managed keys (AES256)"));
        Assert.Contains(run.FindingDescriptions("aws-s3-003"), d => d.Contains($"{half} has versioning suspended"));
        Assert.Contains("BlockPublicPolicy, RestrictPublicBuckets off", Assert.Single(run.FindingDescriptions("aws-s3-008")));
        Assert.Contains("no account-level Block Public Access setting", Assert.Single(Moto.CatalogueScan("untouched").FindingDescriptions("aws-s3-008")));
    }

    [MotoFact]
    public void A_bucket_without_logging_is_told_to_log_into_a_log_bucket_of_its_own_region()
    {
        var findings = Moto.CatalogueScan("exposed").Result("aws-s3-005").GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("resource_id").GetString()!);
        var open = findings[Moto.Id("exposed", "open-bucket")];
        var eu = findings[Moto.Id("exposed", "eu-bucket")];

        Assert.Equal("us-east-1", open.GetProperty("region").GetString());
        Assert.Contains($"\"TargetBucket\":\"{Moto.Id("exposed", "log-bucket")}\"", open.GetProperty("remediation").GetProperty("cli").GetString());
        Assert.Equal("eu-west-1", eu.GetProperty("region").GetString());
        Assert.Contains("<ACCESS_LOG_BUCKET>", eu.GetProperty("remediation").GetProperty("cli").GetString());
    }

    [MotoFact]
    public void With_MFA_Delete_as_AWS_reports_it_the_hardened_buckets_pass()
    {
        using var proxy = new FaultProxy(Moto.Endpoint).Answer(
            r => r is { Service: "s3", Method: "GET", Query: "?versioning" }, Recorded.Xml("s3/GetBucketVersioning.xml"));

        var run = Moto.ScanChecks("hardened", Table.Select(e => e.Check), "--endpoint-url", proxy.Endpoint.ToString());

        foreach (var check in Table.Select(e => e.Check))
            AssertStatus(run, check, Pass, "hardened as AWS reports it");
        Assert.Contains(proxy.Requests, r => r is { Service: "s3", Query: "?versioning" });
    }
}
