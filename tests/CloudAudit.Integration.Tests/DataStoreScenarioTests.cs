using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// RDS, EFS, DynamoDB, KMS, Secrets Manager and SSM parameter checks against moto. Where moto differs from AWS: it
/// creates the AWS managed keys aws/ebs and aws/dynamodb as customer managed keys without rotation (the scenarios
/// name their own key instead, so the rotation check does not judge moto's stand-ins); it turns on a secret's rotation
/// from RotationRules alone, with no rotation function; DescribeParameters gives no ARN.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class DataStoreScenarioTests(MotoServer moto) : CatalogueTests<DataStoreScenarioTests>(moto), IServiceCatalogue
{
    public static IReadOnlyList<Expected> Table { get; } =
    [
        // reporting: a public, unencrypted single-AZ instance without minor upgrades. analytics: an unencrypted Aurora
        // cluster whose only instance is in one zone, judged as a cluster (its member is neither public nor frozen).
        new("aws-rds-001", Pass, Fail, NotApplicable, "{reporting-db}") { Passes = ["{orders-db}"] },
        new("aws-rds-002", Pass, Fail, NotApplicable, "{reporting-db}", "{analytics-cluster}") { Passes = ["{orders-db}"], HardenedPasses = ["{analytics-cluster}"] },
        new("aws-rds-003", Pass, Fail, NotApplicable, "{reporting-db}", "{analytics-cluster}") { Passes = ["{orders-db}"], HardenedPasses = ["{analytics-cluster}"] },
        new("aws-rds-004", Pass, Fail, NotApplicable, "{reporting-db}") { Passes = ["{orders-db}"] },
        new("aws-efs-001", Pass, Fail, NotApplicable, "{scratch-fs}") { Passes = ["{shared-fs}"] },
        // The asymmetric signing key, the disabled key and the key pending deletion are out of scope. moto: once the
        // replica of a multi-Region key has been described, DescribeKey calls the primary a REPLICA too, so the global
        // key is left to a primary that is not there; tested below as AWS describes it.
        new("aws-kms-001", Pass, Fail, NotApplicable, "{legacy-key}") { Passes = ["{workload-key}"] },
        new("aws-sm-001", Pass, Fail, NotApplicable, "{reporting-secret}") { Passes = ["{api-key-secret}"] },
        // /prod/reporting/SECRET_ARN names a secret without holding one; /prod/api/token is a SecureString.
        new("aws-ssm-002", Pass, Fail, NotApplicable,
            "arn:aws:ssm:us-east-1:{account}:parameter/prod/db/password", "arn:aws:ssm:us-east-1:{account}:parameter/prod/reporting/DATABASE_URL") { Passes = ["arn:aws:ssm:us-east-1:{account}:parameter/prod/api/token"], HardenedPasses = ["arn:aws:ssm:us-east-1:{account}:parameter/prod/db/password"] },
        new("aws-ddb-001", Pass, Fail, NotApplicable, "{sessions-table}") { Passes = ["{orders-table}", "{ledger-table}"] },
        new("aws-ddb-002", Pass, Fail, NotApplicable, "{sessions-table}") { Passes = ["{orders-table}", "{ledger-table}"] },
        // The provisioned ledger table scales with Application Auto Scaling in the hardened account only; on-demand
        // tables scale by themselves.
        new("aws-ddb-003", Pass, Fail, NotApplicable, "{ledger-table}") { Passes = ["{orders-table}"], HardenedPasses = ["{ledger-table}"] },
    ];

    [MotoFact]
    public void A_multi_Region_key_without_rotation_as_AWS_describes_it_fails_once_at_its_primary()
    {
        var account = Moto.Accounts["exposed"];
        var global = Moto.Id("exposed", "global-key");
        var keyId = global.Split('/')[^1];
        using var proxy = new FaultProxy(Moto.Endpoint).Answer(
            r => r is { Service: "kms", Region: "us-east-1", Operation: "DescribeKey" } && r.Body.Contains(keyId, StringComparison.Ordinal),
            Recorded.Json("kms/DescribeKey-multi-region-primary.json", ("account", account), ("key_id", keyId)));

        var run = Moto.ScanChecks("exposed", ["aws-kms-001"], "--endpoint-url", proxy.Endpoint.ToString());

        // The replica in eu-west-1 (moto's DescribeKey of it is right) adds no finding of its own.
        Moto.AssertFailures(run, "exposed", "aws-kms-001", ["{legacy-key}", global]);
        Assert.All(run.Result("aws-kms-001").GetProperty("findings").EnumerateArray(),
            f => Assert.Equal("us-east-1", f.GetProperty("region").GetString()));
    }

    [MotoFact]
    public void Findings_say_what_is_wrong_with_each_store()
    {
        var run = Moto.CatalogueScan("exposed");

        Assert.Contains(run.FindingDescriptions("aws-rds-003"), d => d.Contains("DB cluster analytics (aurora-postgresql) has instances in us-east-1a only"));
        Assert.Contains(run.FindingDescriptions("aws-rds-003"), d => d.Contains("DB instance reporting (postgres) runs in us-east-1a only"));
        Assert.Equal("AWS::RDS::DBCluster", run.Result("aws-rds-002").GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("resource_id").GetString()!.Contains(":cluster:")).GetProperty("resource_type").GetString());
        Assert.Contains("(legacy data) does not rotate its key material automatically", Assert.Single(run.FindingDescriptions("aws-kms-001")));
        Assert.Contains("named like a connection string", run.FindingDescriptions("aws-ssm-002").Single(d => d.Contains("DATABASE_URL")));
        var table = Assert.Single(run.Result("aws-ddb-001").GetProperty("findings").EnumerateArray());
        Assert.Equal("low", table.GetProperty("severity").GetString());
        Assert.Contains("encrypted only with the AWS owned key", table.GetProperty("description").GetString());
    }
}
