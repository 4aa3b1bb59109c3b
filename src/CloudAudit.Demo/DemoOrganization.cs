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
/// The Workloads and Security OUs carry a guardrail against leaving the organization and blinding CloudTrail (the
/// root r-nw01 carries only FullAWSAccess); production sits in Workloads/Production, whose SCP keeps anyone from
/// invoking production functions by hand (they run from their event sources), which closes aws-iam-018's lambda-001
/// path for the deploy role; security sits in Security. Development sits in Sandbox, which nobody gave a guardrail:
/// the security account, which lists the whole tree (ListRoots and down), sees it unguarded (aws-org-003).
/// </remarks>
internal sealed class DemoOrganization : IDemoPart
{
    private const string Organizations = "arn:aws:organizations::" + DemoAccount.ManagementAccount;
    private const string Root = "r-nw01";

    private const string Workloads = "ou-nw01-workload";
    private const string ProductionOu = "ou-nw01-prodwork";
    private const string SecurityOu = "ou-nw01-security";
    private const string Sandbox = "ou-nw01-sandbox";

    private static readonly Scp Guardrails = new("p-nwguardrails", "organization-guardrails", """
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
            .Under(ProductionOu, Scp.FullAwsAccess, FunctionsRunFromEvents)
            .Under(Workloads, Scp.FullAwsAccess, Guardrails)
            .Under(Root, Scp.FullAwsAccess)
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
            .Under(SecurityOu, Scp.FullAwsAccess, Guardrails)
            .Under(Root, Scp.FullAwsAccess)
            .Record(a);
        Tree(a);
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

    /// <summary>
    /// The whole tree as the security account lists it, top down: the OUs and accounts under each node and the SCPs
    /// of the nodes its own walk up (recorded by its hierarchy builder) did not already read.
    /// </summary>
    private static void Tree(DemoRecorder a)
    {
        a.Global(OrganizationTreeCalls.ListRoots, $$"""
            {"Roots": [{"Id": "{{Root}}", "Arn": "{{Organizations}}:root/{{DemoAccount.OrganizationId}}/{{Root}}", "Name": "Root",
             "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}]}
            """);
        (string Id, string[] Units, string[] Accounts)[] nodes =
        [
            (Root, [Workloads, SecurityOu, Sandbox], [DemoAccount.ManagementAccount]),
            (Workloads, [ProductionOu], []),
            (ProductionOu, [], [DemoAccount.ProductionAccount]),
            (SecurityOu, [], [DemoAccount.SecurityAccount]),
            (Sandbox, [], [DemoAccount.DevelopmentAccount]),
        ];
        foreach (var (id, units, accounts) in nodes)
        {
            a.Target(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(id),
                $$"""{"OrganizationalUnits": [{{string.Join(",", units.Select(u => $$"""{"Id": "{{u}}", "Arn": "{{Organizations}}:ou/{{DemoAccount.OrganizationId}}/{{u}}"}"""))}}]}""");
            a.Target(OrganizationTreeCalls.ListRootAccounts, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(id),
                $$"""{"Accounts": [{{string.Join(",", accounts.Select(x => $$"""{"Id": "{{x}}", "Arn": "{{Organizations}}:account/{{DemoAccount.OrganizationId}}/{{x}}", "Status": "ACTIVE"}"""))}}]}""");
        }
        (string Target, Scp[] Policies)[] policies =
        [
            (Workloads, [Scp.FullAwsAccess, Guardrails]), (ProductionOu, [Scp.FullAwsAccess, FunctionsRunFromEvents]),
            (Sandbox, [Scp.FullAwsAccess]), (DemoAccount.ManagementAccount, [Scp.FullAwsAccess]),
            (DemoAccount.ProductionAccount, [Scp.FullAwsAccess]), (DemoAccount.DevelopmentAccount, [Scp.FullAwsAccess]),
        ];
        foreach (var (target, attached) in policies)
            a.Target(OrganizationTreeCalls.ListRootPolicies, AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf(target),
                ScpHierarchyBuilder.ListAnswer(OrganizationCalls.ServiceControlPolicy, attached));
    }

    private static void MemberAccount(DemoRecorder a)
    {
        Describe(a);
        a.Failure(OrganizationTreeCalls.ListRoots, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
            "You don't have permissions to access this resource.", 400);
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
