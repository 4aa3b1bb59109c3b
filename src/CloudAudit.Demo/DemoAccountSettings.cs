using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Account-level settings the IAM checks read: the security alternate contact (set in production,
/// never in development), IAM Access Analyzer (production covers two regions; development only has
/// an unused-access analyzer) and EC2 instances with and without instance profiles. An SCP denies
/// the scanner Access Analyzer and EC2 in eu-central-1 in both accounts.
/// </summary>
internal sealed class DemoAccountSettings : IDemoPart
{
    private const string DeniedRegion = "eu-central-1";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Global(AccountCalls.GetSecurityContact, """
            {"AlternateContact": {"AlternateContactType": "SECURITY", "Name": "Northwind Security Operations",
             "Title": "Security Operations Center", "EmailAddress": "soc@northwind-analytics.example", "PhoneNumber": "+1-206-555-0142"}}
            """);
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
            a.Regional(AccountCalls.ListAnalyzers, region, $$"""
                {"analyzers": [{{Analyzer(clock, id, region, "account-external-access", "ACCOUNT", "ACTIVE", 380)}}]}
                """);
        Denied(a, AccountCalls.ListAnalyzers, "access-analyzer:ListAnalyzers");

        a.Regional(AccountCalls.DescribeInstances, "us-east-1", Reservations(
            Reservation(id, "r-0a1b2c3d4e5f60718",
                Instance(clock, "i-0c5d2e8f1a3b4c701", "m6i.large", "running", "web-1", $"arn:aws:iam::{id}:instance-profile/web-instance-role", 212),
                Instance(clock, "i-0c5d2e8f1a3b4c702", "m6i.large", "running", "web-2", $"arn:aws:iam::{id}:instance-profile/web-instance-role", 212)),
            Reservation(id, "r-07f6e5d4c3b2a1908",
                Instance(clock, "i-0e9f8a7b6c5d4e301", "t3.micro", "running", "legacy-bastion", null, 1020)),
            Reservation(id, "r-03c4d5e6f7a8b9012",
                Instance(clock, "i-02a3b4c5d6e7f8091", "t3.small", "stopped", "old-build-agent", null, 640))));
        a.Regional(AccountCalls.DescribeInstances, "eu-west-1", Reservations(
            Reservation(id, "r-0b2c3d4e5f6a70819",
                Instance(clock, "i-0f1e2d3c4b5a69781", "c6g.xlarge", "running", "etl-worker", $"arn:aws:iam::{id}:instance-profile/etl-worker", 95))));
        Denied(a, AccountCalls.DescribeInstances, "ec2:DescribeInstances");
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Failure(AccountCalls.GetSecurityContact, Inventory.AwsIds.GlobalRegion, null, ErrorKind.NotFound,
            "ResourceNotFoundException", "No contact of the inputted alternate contact type found.", 404);
        a.Regional(AccountCalls.ListAnalyzers, "us-east-1", $$"""
            {"analyzers": [{{Analyzer(clock, id, "us-east-1", "unused-access", "ACCOUNT_UNUSED_ACCESS", "ACTIVE", 120)}}]}
            """);
        a.Regional(AccountCalls.ListAnalyzers, "eu-west-1", """{"analyzers": []}""");
        Denied(a, AccountCalls.ListAnalyzers, "access-analyzer:ListAnalyzers");

        a.Regional(AccountCalls.DescribeInstances, "us-east-1", Reservations(
            Reservation(id, "r-0d1e2f3a4b5c6d7e8",
                Instance(clock, "i-0a9b8c7d6e5f40321", "t3.medium", "running", "dev-sandbox", null, 44),
                Instance(clock, "i-0a9b8c7d6e5f40322", "t3.medium", "running", "dev-api", $"arn:aws:iam::{id}:instance-profile/dev-api", 12))));
        a.Regional(AccountCalls.DescribeInstances, "eu-west-1", Reservations());
        Denied(a, AccountCalls.DescribeInstances, "ec2:DescribeInstances");
    }

    /// <summary>The security account: contact set, an organization analyzer in every region, no instances.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        a.Global(AccountCalls.GetSecurityContact, """
            {"AlternateContact": {"AlternateContactType": "SECURITY", "Name": "Northwind Security Operations",
             "Title": "Security Operations Center", "EmailAddress": "soc@northwind-analytics.example", "PhoneNumber": "+1-206-555-0142"}}
            """);
        foreach (var region in a.Regions)
        {
            a.Regional(AccountCalls.ListAnalyzers, region, $$"""
                {"analyzers": [{{Analyzer(clock, id, region, "organization-external-access", "ORGANIZATION", "ACTIVE", 600)}}]}
                """);
            a.Regional(AccountCalls.DescribeInstances, region, Reservations());
        }
    }

    private static void Denied(DemoRecorder a, ApiCall call, string action) =>
        a.Failure(call, DeniedRegion, null, ErrorKind.AccessDenied, call.Service == "ec2" ? "UnauthorizedOperation" : "AccessDeniedException",
            $"User: {DemoIamUsers.Scanner(a.AccountId)} is not authorized to perform: {action} "
            + "with an explicit deny in a service control policy", 403);

    private static string Analyzer(DemoClock clock, string account, string region, string name, string type, string status, double created) => $$"""
        {"arn": "arn:aws:access-analyzer:{{region}}:{{account}}:analyzer/{{name}}", "name": "{{name}}", "type": "{{type}}",
         "createdAt": "{{clock.DaysAgo(created)}}", "lastResourceAnalyzed": "arn:aws:s3:::northwind-reports",
         "lastResourceAnalyzedAt": "{{clock.Ago(TimeSpan.FromHours(2))}}", "tags": {}, "status": "{{status}}"}
        """;

    private static string Reservations(params string[] reservations) => $$"""{"Reservations": [{{string.Join(",", reservations)}}]}""";

    private static string Reservation(string account, string id, params string[] instances) => $$"""
        {"ReservationId": "{{id}}", "OwnerId": "{{account}}", "Groups": [], "Instances": [{{string.Join(",", instances)}}]}
        """;

    private static string Instance(DemoClock clock, string id, string type, string state, string name, string? profileArn, double launched)
    {
        var code = state == "running" ? 16 : 80;
        var profile = profileArn is null ? "" : $$"""
            "IamInstanceProfile": {"Arn": "{{profileArn}}", "Id": "{{DemoUser.StableId("AIPA", profileArn)}}"},
            """;
        return $$"""
            {"InstanceId": "{{id}}", "InstanceType": "{{type}}", "ImageId": "ami-0f3c9a1e2b4d5c6e7", "LaunchTime": "{{clock.DaysAgo(launched)}}",
             "State": {"Code": {{code}}, "Name": "{{state}}"}, {{profile}}
             "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
             "Tags": [{"Key": "Name", "Value": "{{name}}"}]}
            """;
    }
}
