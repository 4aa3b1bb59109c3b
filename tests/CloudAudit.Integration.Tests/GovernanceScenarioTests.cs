using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// GuardDuty and AWS Config checks against moto: per-region settings, so the exposed account fails each in its own
/// way per region (a suspended detector in us-east-1, none in eu-west-1; a partial, stopped recorder with a daily,
/// unencrypted delivery channel in us-east-1, no recorder in eu-west-1).
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class GovernanceScenarioTests(MotoServer moto) : CatalogueTests<GovernanceScenarioTests>(moto), IServiceCatalogue
{
    public static IReadOnlyList<Expected> Table { get; } =
    [
        new("aws-gd-001", Pass, Fail, Fail,
            "arn:aws:guardduty:us-east-1:{account}:detector/{suspended-detector}", "arn:aws:guardduty:eu-west-1:{account}:detector") { HardenedPasses = ["arn:aws:guardduty:us-east-1:{account}:detector", "arn:aws:guardduty:eu-west-1:{account}:detector"] },
        new("aws-cfg-001", Pass, Fail, Fail, "arn:aws:config:eu-west-1:{account}:configuration-recorder") { Passes = ["arn:aws:config:us-east-1:{account}:configuration-recorder"], HardenedPasses = ["arn:aws:config:eu-west-1:{account}:configuration-recorder"] },
        new("aws-cfg-002", Pass, Fail, NotApplicable, "arn:aws:config:us-east-1:{account}:configuration-recorder/default") { HardenedPasses = ["arn:aws:config:us-east-1:{account}:configuration-recorder/default"] },
        new("aws-cfg-003", Pass, Fail, NotApplicable, "arn:aws:config:us-east-1:{account}:configuration-recorder/default") { HardenedPasses = ["arn:aws:config:us-east-1:{account}:configuration-recorder/default"] },
        new("aws-cfg-004", Pass, Fail, NotApplicable, "arn:aws:config:us-east-1:{account}:delivery-channel/default") { HardenedPasses = ["arn:aws:config:us-east-1:{account}:delivery-channel"] },
    ];

    [MotoFact]
    public void Each_region_fails_for_its_own_reason()
    {
        var run = Moto.CatalogueScan("exposed");

        Assert.Contains(run.FindingDescriptions("aws-gd-001"), d => d.Contains("is suspended (status DISABLED)"));
        Assert.Contains(run.FindingDescriptions("aws-gd-001"), d => d.Contains("no detector in eu-west-1"));
        Assert.Contains("is stopped", Assert.Single(run.FindingDescriptions("aws-cfg-002")));
        var recording = Assert.Single(run.FindingDescriptions("aws-cfg-003"));
        Assert.Contains("records only 1 listed resource types (INCLUSION_BY_RESOURCE_TYPES)", recording);
        Assert.Contains("does not record global IAM resource types", recording);
        var channel = Assert.Single(run.Result("aws-cfg-004").GetProperty("findings").EnumerateArray());
        Assert.Equal("low", channel.GetProperty("severity").GetString());
        Assert.Contains("only every 24 hours and writes to S3 without a KMS key", channel.GetProperty("description").GetString());
    }
}
