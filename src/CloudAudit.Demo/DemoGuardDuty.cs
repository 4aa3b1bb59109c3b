using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production runs GuardDuty in every region; in us-east-1 a crypto-mining finding and an attack
/// sequence have sat unarchived for weeks beside a fresh credential-exfiltration finding.
/// Development never enabled GuardDuty. The security account, GuardDuty's delegated administrator,
/// runs it in every region with nothing left open.
/// </summary>
internal sealed class DemoGuardDuty : IDemoPart
{
    private static readonly Dictionary<string, string> Detectors = new()
    {
        ["us-east-1"] = "4ec2a1f3b6d84c5e9a7b0c1d2e3f4a5b",
        ["eu-west-1"] = "7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
        ["eu-central-1"] = "1f2e3d4c5b6a79880716253443526170",
    };

    private static readonly Dictionary<string, string> SecurityDetectors = new()
    {
        ["us-east-1"] = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49",
        ["eu-west-1"] = "2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70",
        ["eu-central-1"] = "5b4a39281706f5e4d3c2b1a09f8e7d6c",
    };

    private sealed record Finding(string Id, string Type, double Severity, string Title, double AgeDays, string ResourceType, string Instance);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            Finding[] findings = region != "us-east-1" ? [] :
            [
                new("a2c4e6f8b0d2e4f6a8c0e2f4b6d8f0a2", "CryptoCurrency:EC2/BitcoinTool.B!DNS", 8.0,
                    "EC2 instance i-0c5d1e2f3a4b5c6d7 is querying a domain name that is associated with Bitcoin-related activity.", 47, "Instance", "i-0c5d1e2f3a4b5c6d7"),
                new("b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3", "AttackSequence:IAM/CompromisedCredentials", 9.2,
                    "Potential credential compromise of one or more AWS IAM principals.", 35, "AccessKey", ""),
                new("c4e6a8b0d2f4c6e8a0b2d4f6c8e0a2b4", "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8.0,
                    "Credentials for instance role northwind-api-role used from external IP address.", 6, "AccessKey", ""),
            ];
            Detector(a, clock, region, Detectors[region], createdDaysAgo: 700, findings);
        }
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            a.Regional(GuardDutyCalls.ListDetectors, region, """{"DetectorIds": []}""");
    }

    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            Detector(a, clock, region, SecurityDetectors[region], createdDaysAgo: 900, findings: []);
    }

    /// <summary>An enabled detector and the account's open high-severity findings in one region.</summary>
    private static void Detector(DemoRecorder a, DemoClock clock, string region, string detector, double createdDaysAgo, Finding[] findings)
    {
        var id = a.AccountId;
        a.Regional(GuardDutyCalls.ListDetectors, region, $$"""{"DetectorIds": ["{{detector}}"]}""");
        a.Target(GuardDutyCalls.GetDetector, region, Params(("DetectorId", detector)), $$"""
            {"CreatedAt": "{{clock.DaysAgo(createdDaysAgo)}}", "FindingPublishingFrequency": "FIFTEEN_MINUTES",
             "ServiceRole": "arn:aws:iam::{{id}}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
             "Status": "ENABLED", "UpdatedAt": "{{clock.DaysAgo(90)}}", "Tags": {} }
            """);
        var listing = GuardDutyCalls.OpenHighFindingsTarget(region, detector, id);
        a.Target(GuardDutyCalls.ListOpenHighFindings, region, listing.Parameters!,
            $$"""{"FindingIds": [{{string.Join(", ", findings.Select(f => $"\"{f.Id}\""))}}]}""");
        foreach (var batch in GuardDutyCalls.FindingBatches(region, detector, findings.Select(f => f.Id)))
            a.Target(GuardDutyCalls.GetFindings, region, batch.Parameters!,
                $$"""{"Findings": [{{string.Join(",", findings.Select(f => Json(f, id, region, detector, clock)))}}]}""");
    }

    private static string Json(Finding f, string account, string region, string detector, DemoClock clock)
    {
        var resource = f.ResourceType == "Instance"
            ? $$"""{"ResourceType": "Instance", "InstanceDetails": {"InstanceId": "{{f.Instance}}", "InstanceType": "m6i.large", "InstanceState": "running"} }"""
            : """{"ResourceType": "AccessKey", "AccessKeyDetails": {"UserType": "AssumedRole", "UserName": "northwind-api-role"}}""";
        return $$"""
            {"AccountId": "{{account}}", "Arn": "arn:aws:guardduty:{{region}}:{{account}}:detector/{{detector}}/finding/{{f.Id}}",
             "CreatedAt": "{{clock.DaysAgo(f.AgeDays)}}", "Description": "{{f.Title}}", "Id": "{{f.Id}}", "Partition": "aws",
             "Region": "{{region}}", "Resource": {{resource}}, "SchemaVersion": "2.0",
             "Service": {"Archived": false, "Count": 37, "DetectorId": "{{detector}}", "EventFirstSeen": "{{clock.DaysAgo(f.AgeDays)}}",
                         "EventLastSeen": "{{clock.DaysAgo(1)}}", "ResourceRole": "TARGET", "ServiceName": "guardduty"},
             "Severity": {{f.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "Title": "{{f.Title}}", "Type": "{{f.Type}}",
             "UpdatedAt": "{{clock.DaysAgo(1)}}"}
            """;
    }
}
