using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// AWS Organizations as each account sees it: all three belong to o-northwind01. Only the management account
/// or a delegated administrator may list the accounts, so production and development are refused; the security
/// account, delegated administrator for GuardDuty and Security Hub, lists them, which lets the perimeter checks
/// tell members from outsiders there.
/// </summary>
/// <remarks>
/// Service control policies: the organization's delegation policy lets the security and production accounts read
/// the hierarchy and its policies (the platform team reviews guardrails from production); development is refused.
/// Root r-nw01 carries a guardrail against leaving the organization and blinding CloudTrail; production sits in
/// Workloads/Production, whose SCP keeps anyone from invoking production functions by hand (they run from their
/// event sources), which closes aws-iam-018's lambda-001 path for the deploy role; security sits in Security.
/// </remarks>
internal sealed class DemoOrganization : IDemoPart
{
    private const string Organizations = "arn:aws:organizations::" + DemoAccount.ManagementAccount;
    private const string Root = "r-nw01";

    private static readonly Scp RootGuardrails = new("p-nwguardrails", "root-guardrails", """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"StayInTheOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"},
          {"Sid":"KeepCloudTrailOn","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":"*"}]}
        """);

    private static readonly Scp FunctionsRunFromEvents = new("p-nwprodevents", "production-functions-run-from-events", """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"NoManualInvocations","Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"*"}]}
        """);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        MemberAccount(a);
        new ScpHierarchyBuilder(a.AccountId, Scp.FullAwsAccess)
            .Under("ou-nw01-prodwork", Scp.FullAwsAccess, FunctionsRunFromEvents)
            .Under("ou-nw01-workload", Scp.FullAwsAccess)
            .Under(Root, Scp.FullAwsAccess, RootGuardrails)
            .Record(a);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        MemberAccount(a);
        ScpHierarchyBuilder.Refused(a);
    }

    public void Security(DemoRecorder a, DemoClock clock)
    {
        new ScpHierarchyBuilder(a.AccountId, Scp.FullAwsAccess)
            .Under("ou-nw01-security", Scp.FullAwsAccess)
            .Under(Root, Scp.FullAwsAccess, RootGuardrails)
            .Record(a);
        Describe(a);
        (string Id, string Name, string Email, double JoinedDaysAgo)[] accounts =
        [
            (DemoAccount.ManagementAccount, "northwind-management", "aws-management@northwind-analytics.example", 2300),
            (DemoAccount.ProductionAccount, "northwind-prod", "aws-prod@northwind-analytics.example", 2210),
            (DemoAccount.DevelopmentAccount, "northwind-dev", "aws-dev@northwind-analytics.example", 640),
            (DemoAccount.SecurityAccount, "northwind-security", "aws-security@northwind-analytics.example", 900),
        ];
        var listed = accounts.Select(account => $$"""
            {"Id": "{{account.Id}}", "Arn": "{{Organizations}}:account/{{DemoAccount.OrganizationId}}/{{account.Id}}",
             "Email": "{{account.Email}}", "Name": "{{account.Name}}", "Status": "ACTIVE", "State": "ACTIVE",
             "JoinedMethod": "{{(account.Id == DemoAccount.ManagementAccount ? "INVITED" : "CREATED")}}", "JoinedTimestamp": "{{clock.DaysAgo(account.JoinedDaysAgo)}}"}
            """);
        a.Global(ResourcePolicyCalls.ListAccounts, $$"""{"Accounts": [{{string.Join(",", listed)}}]}""");
    }

    private static void MemberAccount(DemoRecorder a)
    {
        Describe(a);
        a.Failure(ResourcePolicyCalls.ListAccounts, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
            "You don't have permissions to access this resource.", 400);
    }

    private static void Describe(DemoRecorder a) => a.Global(ResourcePolicyCalls.DescribeOrganization, $$"""
        {"Organization": {"Id": "{{DemoAccount.OrganizationId}}", "Arn": "{{Organizations}}:organization/{{DemoAccount.OrganizationId}}",
         "FeatureSet": "ALL", "MasterAccountArn": "{{Organizations}}:account/{{DemoAccount.OrganizationId}}/{{DemoAccount.ManagementAccount}}",
         "MasterAccountId": "{{DemoAccount.ManagementAccount}}", "MasterAccountEmail": "aws-management@northwind-analytics.example",
         "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]} }
        """);
}
