using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Account-level settings the IAM checks read: the security alternate contact (set in production,
/// never in development), IAM Access Analyzer (production covers two regions; development only has
/// an unused-access analyzer). An SCP denies
/// the scanner Access Analyzer in eu-central-1 in both accounts. (Instance profiles come from DemoEc2.)
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
            a.Regional(AccountCalls.ListAnalyzers, region, $$"""
                {"analyzers": [{{Analyzer(clock, id, region, "organization-external-access", "ORGANIZATION", "ACTIVE", 600)}}]}
                """);
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
}
